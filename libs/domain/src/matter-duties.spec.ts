import { PERIODIC_SERIES, periodicOccurrenceOwed, timelinessDuty, voluntaryIopcReferral } from './matter-duties';

describe('a voluntary referral to the IOPC', () => {
  it('a complaint may be referred although no category requires it (PRA 2002 Sch 3 para 4(2))', () => {
    expect(voluntaryIopcReferral('complaint', [])).toMatchObject({ allowed: true, regulation: 'PRA 2002 Sch 3 para 4(2)' });
  });

  it('a recordable conduct matter may be referred for its gravity (para 13(2)), whatever it was first called', () => {
    expect(voluntaryIopcReferral('recordable-conduct-matter', ['gravity-or-exceptional-circumstances'])).toMatchObject({ allowed: true, regulation: 'PRA 2002 Sch 3 para 13(2)' });
    expect(voluntaryIopcReferral('conduct-matter', ['gravity-or-exceptional-circumstances'])).toMatchObject({ allowed: true, regulation: 'PRA 2002 Sch 3 para 13(2)' });
  });

  it('a DSI matter may be referred (para 14C(2))', () => {
    expect(voluntaryIopcReferral('dsi-matter', [])).toMatchObject({ allowed: true, regulation: 'PRA 2002 Sch 3 para 14C(2)' });
  });

  it('a conduct matter outside the recordable categories is not referred until it is recorded', () => {
    expect(voluntaryIopcReferral('conduct-matter', [])).toMatchObject({ allowed: false, regulation: expect.stringContaining('CMR reg 7') });
  });
});

describe('who writes the timeliness report, and to whom', () => {
  it('under the Conduct Regulations the appropriate authority reports to the local policing body, copying the officer (CR reg 19)', () => {
    expect(timelinessDuty('conduct-regulations', 'local')).toMatchObject({ reporter: 'appropriate-authority', recipients: ['local-policing-body'], regulation: 'CR reg 19', copyToOfficerConcerned: true });
  });

  it('a local Schedule 3 investigation: the appropriate authority reports to the local policing body and the Director General (CMR reg 13)', () => {
    for (const mode of ['local', 'referred-back', null] as const) {
      expect(timelinessDuty('schedule-3', mode)).toMatchObject({ reporter: 'appropriate-authority', recipients: ['local-policing-body', 'iopc'], regulation: 'CMR reg 13' });
    }
  });

  it('a directed or independent investigation: the Director General reports, to the local policing body and the chief officer (CMR reg 13)', () => {
    for (const mode of ['directed', 'independent'] as const) {
      expect(timelinessDuty('schedule-3', mode)).toMatchObject({ reporter: 'director-general', recipients: ['local-policing-body', 'appropriate-authority'], regulation: 'CMR reg 13' });
    }
  });
});

describe('a periodic series stops at the date its condition ended', () => {
  it('an occurrence due after the investigation ended is not owed; one due on or before it is', () => {
    expect(periodicOccurrenceOwed('2025-06-01', '2025-05-31')).toBe(false);
    expect(periodicOccurrenceOwed('2025-06-01', '2025-06-01')).toBe(true);
    expect(periodicOccurrenceOwed('2025-06-01', '2025-07-01')).toBe(true);
    expect(periodicOccurrenceOwed('2025-06-01', null)).toBe(true);
  });

  it('each series names the condition that keeps it going and its regulation', () => {
    expect(PERIODIC_SERIES.timelinessReport.regulation).toBe('CR reg 19 / CMR reg 13');
    expect(PERIODIC_SERIES.complainantUpdate.regulation).toBe('CMR reg 34');
  });
});
