import { COMMAND_GRANTS, Grant, ROLES, SUBJECT_DECISIONS, SUBJECT_EVENTS, mayActOnForce, readsPersonRecords, subjectDecisionGrant, subjectEventGrant } from './grants';

describe('who may send each command', () => {
  const subjectGrants = [...SUBJECT_DECISIONS.map((d) => [d, subjectDecisionGrant(d)] as const), ...SUBJECT_EVENTS.map((e) => [e, subjectEventGrant(e)] as const)];

  it('oversight records no decision or event on a subject’s track: it reads, and records only the IOPC’s own decisions', () => {
    for (const [name, grant] of subjectGrants) expect([name, grant.roles.includes('oversight')]).toEqual([name, false]);
  });

  it('oversight’s commands are exactly the IOPC’s own decisions: mode of investigation, recommendations, publication, recommendation extensions', () => {
    const oversight = Object.entries(COMMAND_GRANTS).filter(([, g]) => (g.roles as readonly string[]).includes('oversight')).map(([name]) => name);
    expect(oversight.sort()).toEqual(['mode-of-investigation', 'recommendation', 'recommendation-extension', 'recommendation-publication']);
    for (const name of oversight) expect(COMMAND_GRANTS[name as keyof typeof COMMAND_GRANTS].iopcDecision).toBe(true);
  });

  it('an appeal determination is recorded by the case officer (or an administrator acting for one) or the appropriate authority, never oversight (CR reg 47, or the Police Appeals Tribunal)', () => {
    expect([...subjectDecisionGrant('appeal-determination').roles].sort()).toEqual(['administrator', 'appropriate-authority', 'case-officer']);
  });

  it("a former officer's choice of a misconduct hearing (CR reg 21A(3)) rides on the case-to-answer decision, so only the appropriate authority records it", () => {
    expect([...subjectDecisionGrant('case-to-answer').roles]).toEqual(['appropriate-authority']);
  });

  it('an administrator may do everything a case officer may', () => {
    const all: Grant[] = [...subjectGrants.map(([, g]) => g), ...Object.values(COMMAND_GRANTS)];
    const caseOfficers = all.filter((g) => g.roles.includes('case-officer'));
    expect(caseOfficers.filter((g) => !g.roles.includes('administrator')).map((g) => g.words)).toEqual([]);
  });

  it('every command has at least one role, and only known roles', () => {
    for (const grant of [...subjectGrants.map(([, g]) => g), ...Object.values(COMMAND_GRANTS)]) {
      expect(grant.roles.length).toBeGreaterThan(0);
      for (const r of grant.roles) expect(ROLES).toContain(r);
    }
  });
});

describe('acting on a force', () => {
  const iopcDecision = COMMAND_GRANTS['mode-of-investigation'];
  const forceCommand = COMMAND_GRANTS['matter-event'];

  it('anyone acts on their own force', () => {
    for (const role of ROLES) expect(mayActOnForce({ role, forceId: 'a', forces: [] }, 'a', forceCommand)).toBe(true);
  });

  it('nobody acts on a force they were not granted', () => {
    for (const role of ROLES) expect(mayActOnForce({ role, forceId: 'b', forces: ['c'] }, 'a', iopcDecision)).toBe(false);
  });

  it('on a granted force, oversight records only the IOPC’s own decisions; an administrator what its role allows', () => {
    expect(mayActOnForce({ role: 'oversight', forceId: 'iopc', forces: ['a'] }, 'a', iopcDecision)).toBe(true);
    expect(mayActOnForce({ role: 'oversight', forceId: 'iopc', forces: ['*'] }, 'a', iopcDecision)).toBe(true);
    expect(mayActOnForce({ role: 'oversight', forceId: 'iopc', forces: ['*'] }, 'a', forceCommand)).toBe(false);
    expect(mayActOnForce({ role: 'oversight', forceId: 'iopc', forces: ['a'] }, 'a', subjectDecisionGrant('appeal-determination'))).toBe(false);
    expect(mayActOnForce({ role: 'administrator', forceId: 'b', forces: ['a'] }, 'a', forceCommand)).toBe(true);
  });

  it('a grant of forces means nothing to the force’s own roles', () => {
    expect(mayActOnForce({ role: 'case-officer', forceId: 'b', forces: ['a'] }, 'a', forceCommand)).toBe(false);
    expect(mayActOnForce({ role: 'appropriate-authority', forceId: 'b', forces: ['*'] }, 'a', iopcDecision)).toBe(false);
  });
});

describe("who reads a person's record", () => {
  it('the appropriate authority and administrators; not case officers, investigators or oversight', () => {
    expect([...ROLES].filter(readsPersonRecords).sort()).toEqual(['administrator', 'appropriate-authority']);
    for (const role of ['case-officer', 'investigator', 'oversight'] as const) expect(readsPersonRecords(role)).toBe(false);
  });
});
