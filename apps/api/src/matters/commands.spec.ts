import { eventCommand, matterEventCommand, withInvestigatorSettings } from './commands';
import type { EventDto, MatterEventDto } from './matters.dto';

const actor = { id: 'co-1', role: 'case-officer' as const };

describe('commands built from request bodies, with what configuration adds', () => {
  it('a panel appointment carries PANEL_RULES where configured, and only then', () => {
    const dto = { event: 'panel-appointed', occurredAt: '2026-01-05T10:00:00Z', panel: { chair: { id: 'acc-1', role: 'senior-officer' } } } as EventDto;
    expect(eventCommand(dto, actor, 'k1', { panelRules: { keyedOn: 'notice-of-referral' } })).toEqual({ ...dto, actor, commandId: 'k1', panelRules: { keyedOn: 'notice-of-referral' } });
    expect(eventCommand(dto, actor, undefined)).toEqual({ ...dto, actor });
  });

  it("an investigator's appointment carries the matter's force's setting; another force's setting, or another event, carries none", () => {
    const cmd = matterEventCommand({ event: 'investigator-appointed', occurredAt: '2026-01-05T10:00:00Z', investigator: { id: 'ds-7' } } as MatterEventDto, actor, undefined);
    const byForce = { 'force-a': { refuseInvestigatorFromSubjectsUnit: true } };
    expect(withInvestigatorSettings(cmd, 'force-a', byForce)).toMatchObject({ investigator: { id: 'ds-7' }, investigatorSettings: { refuseInvestigatorFromSubjectsUnit: true } });
    expect(withInvestigatorSettings(cmd, 'force-b', byForce)).not.toHaveProperty('investigatorSettings');
    const other = matterEventCommand({ event: 'investigation-completed', occurredAt: '2026-01-05T10:00:00Z' } as MatterEventDto, actor, undefined);
    expect(withInvestigatorSettings(other, 'force-a', byForce)).toEqual(other);
  });
});
