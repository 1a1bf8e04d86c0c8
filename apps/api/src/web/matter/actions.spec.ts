import { checkDecision, checkEvent, SUBJECT_DECISIONS, SUBJECT_EVENTS, type Role, type SubjectStage } from '@conduct/domain';
import { actionHref, findOffered, offeredActions, type Caller, type MatterFacts } from './actions';

const FORCE = 'north-force';
const who = (role: Role, forceId = FORCE, forces: string[] = []): Caller => ({ role, forceId, forces });

function matter(stage: SubjectStage, over: Partial<MatterFacts> = {}): MatterFacts {
  return {
    reference: 'PSD/2026-1',
    forceId: FORCE,
    stage: 'investigation',
    subjects: [
      {
        subjectId: 'pc-1',
        stage,
        deadlines: [
          { key: 'representations', ruleId: 'representations', name: 'Representations', status: 'open' },
          { key: 'notice-of-investigation', ruleId: 'noticeOfInvestigation', name: 'Notice of investigation', status: 'open' },
        ],
      },
    ],
    deadlines: [],
    ...over,
  };
}

const formIds = (actions: { form: { id: string } }[]) => actions.map((a) => a.form.id);

describe('the actions a matter page offers', () => {
  it('the appropriate authority at severity assessment is offered the severity assessment, and not the case-to-answer decision', () => {
    const offered = offeredActions(who('appropriate-authority'), matter('severity-assessment'));
    expect(formIds(offered.subjects['pc-1'])).toContain('decision-severity-assessment');
    expect(formIds(offered.subjects['pc-1'])).not.toContain('decision-case-to-answer');
  });

  it.each(['severity-assessment', 'investigation', 'awaiting-case-to-answer', 'misconduct-meeting', 'outcome', 'closed'] as SubjectStage[])(
    'at %s, each role is offered exactly the decisions and events the stage rules allow it (less the list-report details, a nested record)',
    (stage) => {
      for (const role of ['appropriate-authority', 'case-officer', 'investigator', 'administrator'] as Role[]) {
        const offered = formIds(offeredActions(who(role), matter(stage)).subjects['pc-1']);
        const allowed = [
          ...SUBJECT_DECISIONS.filter((d) => checkDecision(stage, d, role).allowed).map((d) => `decision-${d}`),
          ...SUBJECT_EVENTS.filter((e) => e !== 'list-report-details-supplied' && checkEvent(stage, e, role).allowed).map((e) => `event-${e}`),
        ];
        expect([role, offered.sort()]).toEqual([role, allowed.sort()]);
      }
    },
  );

  it('oversight is offered nothing on a matter at any stage, nor an extension, nor a matter event', () => {
    for (const stage of ['severity-assessment', 'investigation', 'outcome'] as SubjectStage[]) {
      const offered = offeredActions(who('oversight'), matter(stage));
      expect(offered.any).toBe(false);
    }
  });

  it("the IOPC's mode of investigation is offered to oversight only while the matter awaits it", () => {
    expect(formIds(offeredActions(who('oversight'), matter('severity-assessment', { stage: 'awaiting-mode-of-investigation' })).matter)).toEqual(['matter-decision-mode-of-investigation']);
    expect(formIds(offeredActions(who('oversight'), matter('severity-assessment', { stage: 'investigation' })).matter)).toEqual([]);
  });

  it("on another force's matter, granted to them, a case officer's own grant does not reach: nothing is offered", () => {
    expect(offeredActions(who('case-officer', 'south-force', [FORCE]), matter('investigation')).any).toBe(false);
    expect(offeredActions(who('administrator', 'south-force', [FORCE]), matter('investigation')).any).toBe(true);
  });

  it('an extension is offered for an open deadline its rule lets be extended, not for one it does not', () => {
    const offered = offeredActions(who('investigator'), matter('investigation'));
    expect(offered.extensions['pc-1/representations']?.href).toBe('/matter/PSD%2F2026-1/act/extension?subject=pc-1&deadline=representations');
    expect(offered.extensions['pc-1/notice-of-investigation']).toBeUndefined();
  });

  it('a closed matter offers no matter event', () => {
    expect(offeredActions(who('case-officer'), matter('closed', { stage: 'closed' })).matter).toEqual([]);
    expect(formIds(offeredActions(who('case-officer'), matter('investigation')).matter)).toContain('matter-event-complainant-updated');
  });

  it('a posted form is found only among the actions offered: a forged one (another subject, another form) is not', () => {
    const offered = offeredActions(who('appropriate-authority'), matter('severity-assessment'));
    expect(findOffered(offered, 'decision-severity-assessment', { subjectId: 'pc-1' })?.href).toBe(actionHref('PSD/2026-1', 'decision-severity-assessment', { subjectId: 'pc-1' }));
    expect(findOffered(offered, 'decision-severity-assessment', { subjectId: 'pc-2' })).toBeUndefined();
    expect(findOffered(offered, 'decision-outcome', { subjectId: 'pc-1' })).toBeUndefined();
    expect(findOffered(offeredActions(who('oversight'), matter('severity-assessment')), 'decision-severity-assessment', { subjectId: 'pc-1' })).toBeUndefined();
  });

  it("'Add an allegation' is offered on an open matter to the roles that record matter events, with the matter's subjects to choose from", () => {
    for (const role of ['case-officer', 'investigator', 'appropriate-authority', 'administrator'] as Role[]) {
      const add = offeredActions(who(role), matter('investigation')).matter.find((a) => a.form.id === 'matter-event-allegation-added');
      expect([role, add?.text, add?.form.fields.find((f) => f.name === 'subjectIds')?.choices]).toEqual([role, 'Add an allegation', ['pc-1']]);
    }
    expect(formIds(offeredActions(who('oversight'), matter('investigation')).matter)).not.toContain('matter-event-allegation-added');
    expect(formIds(offeredActions(who('case-officer'), matter('closed', { stage: 'closed' })).matter)).not.toContain('matter-event-allegation-added');
  });

  it("the outcome offered on a subject asks the finding on each allegation against them, from the matter's allegations", () => {
    const allegations = [{ id: 'a1', alleged: 'pushed', category: 'B4', subjectIds: ['pc-1'] }, { id: 'a2', alleged: 'swore', category: 'C1', subjectIds: ['pc-9'] }];
    const outcome = offeredActions(who('case-officer'), matter('misconduct-meeting', { allegations })).subjects['pc-1'].find((a) => a.form.id === 'decision-outcome');
    expect(outcome?.form.fields.filter((f) => f.findingOn).map((f) => f.findingOn)).toEqual(['a1']);
  });
});
