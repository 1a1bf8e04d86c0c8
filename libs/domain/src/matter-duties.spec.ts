import { complaintMadeOnRefusal, formatTimelinessRules, officerCopiesRefusal, PERIODIC_SERIES, periodicOccurrenceOwed, prejudiceExemption, timelinessDuty, timelinessStartsOn, voluntaryIopcReferral } from './matter-duties';

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

describe('when the first timeliness period starts', () => {
  it('a complaint: the date it was made, which may precede its receipt (CMR reg 13)', () => {
    expect(timelinessStartsOn('complaint', '2021-03-10', '2021-02-01')).toEqual({ startsOn: '2021-02-01', from: 'complaint-made', regulation: 'CMR reg 13' });
  });

  it('a complaint referred without the date it was made starts from its receipt, as old clients sent it', () => {
    expect(timelinessStartsOn('complaint', '2021-03-10')).toMatchObject({ startsOn: '2021-03-10', from: 'complaint-made' });
  });

  it('a conduct matter (CR reg 19) and a DSI matter (CMR reg 13): when it came to the appropriate authority\'s attention', () => {
    expect(timelinessStartsOn('conduct-matter', '2021-03-10')).toEqual({ startsOn: '2021-03-10', from: 'came-to-appropriate-authority-attention', regulation: 'CR reg 19' });
    expect(timelinessStartsOn('dsi-matter', '2021-03-10')).toMatchObject({ startsOn: '2021-03-10', regulation: 'CMR reg 13' });
  });

  it('a complaint cannot reach the appropriate authority before it was made', () => {
    expect(complaintMadeOnRefusal('complaint', '2021-03-10', '2021-03-11')).toMatchObject({ rule: 'complaint-made-before-received', regulation: 'CMR reg 13' });
    expect(complaintMadeOnRefusal('complaint', '2021-03-10', '2021-03-10')).toBeNull();
    expect(complaintMadeOnRefusal('complaint', '2021-03-10', undefined)).toBeNull();
  });

  it('only a complaint carries the date it was made', () => {
    expect(complaintMadeOnRefusal('conduct-matter', '2021-03-10', '2021-03-01')).toMatchObject({ rule: 'complaint-made-on-complaints-only', regulation: 'CR reg 19' });
  });
});

describe('the prejudice exemption', () => {
  it('under the Conduct Regulations a report withheld for prejudice settles that occurrence (CR reg 19(3))', () => {
    expect(prejudiceExemption('conduct-regulations', 'local')).toMatchObject({ allowed: true, settles: true, withheldFrom: ['local-policing-body'], regulation: 'CR reg 19(3)' });
  });

  it('in a force-run Schedule 3 investigation only the local policing body\'s report is withheld: the Director General is still owed it (CMR reg 13)', () => {
    expect(prejudiceExemption('schedule-3', 'local')).toMatchObject({ allowed: true, settles: false, withheldFrom: ['local-policing-body'], regulation: 'CMR reg 13' });
  });

  it('where the Director General reports, the force has no report to withhold', () => {
    expect(prejudiceExemption('schedule-3', 'independent')).toMatchObject({ allowed: false, regulation: 'CMR reg 13' });
  });
});

describe("the officer's copy of a report (CR reg 19(4))", () => {
  const subjects = ['pc-1', 'pc-2'];
  it('a copy sent, and one withheld under the harm test with its reason, stand', () => {
    expect(officerCopiesRefusal([{ subjectId: 'pc-1', sent: true }, { subjectId: 'pc-2', sent: false, withheldReason: 'would reveal a covert source' }], subjects)).toBeNull();
    expect(officerCopiesRefusal(undefined, subjects)).toBeNull();
  });

  it('a copy withheld without a reason is refused', () => {
    expect(officerCopiesRefusal([{ subjectId: 'pc-1', sent: false }], subjects)).toMatchObject({ rule: 'officer-copy-harm-test-reason', regulation: 'CR reg 19(4)' });
    expect(officerCopiesRefusal([{ subjectId: 'pc-1', sent: false, withheldReason: '  ' }], subjects)).toMatchObject({ rule: 'officer-copy-harm-test-reason' });
  });

  it('a copy names a subject of the matter, once', () => {
    expect(officerCopiesRefusal([{ subjectId: 'pc-9', sent: true }], subjects)).toMatchObject({ rule: 'officer-copy-subject' });
    expect(officerCopiesRefusal([{ subjectId: 'pc-1', sent: true }, { subjectId: 'pc-1', sent: true }], subjects)).toMatchObject({ rule: 'officer-copy-once' });
    expect(officerCopiesRefusal({ subjectId: 'pc-1' }, subjects)).toMatchObject({ rule: 'officer-copies-listed' });
  });
});

describe('the timeliness rules as npm run rules prints them', () => {
  it('names for each duty its reporter, recipients, exemption and copy, and the start per kind, with regulation and status', () => {
    const printed = formatTimelinessRules();
    expect(printed).toContain('conduct-regulations  appropriate-authority reports to local-policing-body (CR reg 19 [C]); may be withheld from local-policing-body (CR reg 19(3) [C]); copy to the officer concerned, subject to the harm test (CR reg 19(4) [C])');
    expect(printed).toContain("schedule-3-iopc      director-general reports to local-policing-body, appropriate-authority (CMR reg 13 [C]); no exemption of the force's");
    expect(printed).toContain('complaint                  complaint-made (CMR reg 13 [C])');
  });
});
