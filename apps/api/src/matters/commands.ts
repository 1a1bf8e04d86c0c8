/**
 * From a validated request body to the command a workflow takes: one function per body, each building the
 * command's own variant, so what reaches the workflow is typed end to end (no cast). The DTO's validators have
 * already refused a body that lacks what its decision needs; a field they made required is read with `!`.
 */
import type { AllegationFinding, InvestigatorForceSettings, PanelRuleOverrides } from '@conduct/domain';
import type { Actor, DecisionCommand, EventCommand, MatterEventCommand } from '@conduct/workflows';
import type { DecisionDto, EventDto, MatterEventDto } from './matters.dto';

/** What configuration adds to a command: the unconfirmed panel rules (PANEL_RULES) and the force's investigator settings. */
export interface CommandSettings {
  panelRules?: PanelRuleOverrides;
  investigatorSettings?: InvestigatorForceSettings;
}

export function decisionCommand(dto: DecisionDto, actor: Actor, commandId: string | undefined): DecisionCommand {
  const base = { actor, occurredAt: dto.occurredAt, rationale: dto.rationale, ...(commandId ? { commandId } : {}) };
  switch (dto.decision) {
    case 'severity-assessment':
      return { ...base, decision: dto.decision, severity: dto.severity!, likelyForm: dto.likelyForm, routeIfNeither: dto.routeIfNeither, ...named(dto) };
    case 'severity-revision':
      return { ...base, decision: dto.decision, severity: dto.severity!, likelyForm: dto.likelyForm, reason: dto.reason!, ...named(dto) };
    case 'case-to-answer':
      return {
        ...base,
        decision: dto.decision,
        caseToAnswer: dto.caseToAnswer!,
        routeIfNone: dto.routeIfNone,
        severalUnconnectedIncidents: dto.severalUnconnectedIncidents,
        ...(dto.misconductHearingBecause !== undefined ? { misconductHearingBecause: dto.misconductHearingBecause } : {}),
        ...named(dto),
      };
    case 'special-conditions':
      return { ...base, decision: dto.decision, reason: dto.reason! };
    case 'withdrawal':
      return { ...base, decision: dto.decision, route: dto.route!, reason: dto.reason! };
    case 'outcome':
      return {
        ...base,
        decision: dto.decision,
        outcome: dto.outcome!,
        warningMonths: dto.warningMonths,
        finding: dto.finding,
        exceptionalCircumstances: dto.exceptionalCircumstances,
        conduct: dto.conduct,
        standardsBreached: dto.standardsBreached,
        publicationExemption: dto.publicationExemption,
        ...findingsOf(dto),
      };
    case 'appeal-determination':
      return { ...base, decision: dto.decision, result: dto.result!, substitutedOutcome: dto.substitutedOutcome, ...findingsOf(dto) };
  }
}

/** The findings on allegations an outcome or an appeal allowed gives, when it gives any (checked by the API against the matter's). */
function findingsOf(dto: DecisionDto): { allegationFindings?: AllegationFinding[] } {
  return dto.allegationFindings ? { allegationFindings: dto.allegationFindings.map((f) => ({ allegationId: f.allegationId, finding: f.finding })) } : {};
}

/** The allegations a decision names, when it names any (checked by the API against the matter's before it is sent). */
function named(dto: DecisionDto): { allegations?: string[] } {
  return dto.allegations ? { allegations: dto.allegations } : {};
}

export function eventCommand(dto: EventDto, actor: Actor, commandId: string | undefined, settings: CommandSettings = {}): EventCommand {
  const base = { actor, occurredAt: dto.occurredAt, ...(dto.note !== undefined ? { note: dto.note } : {}), ...(commandId ? { commandId } : {}) };
  switch (dto.event) {
    case 'interview-arranged':
    case 'proceedings-scheduled':
      // Without a date the workflow refuses it, naming the rule (interview-date-required, proceedings-date-required).
      return { ...base, event: dto.event, scheduledFor: dto.scheduledFor! };
    case 'notice-of-investigation-delayed':
      return { ...base, event: dto.event, note: dto.note! };
    case 'resigned':
    case 'retired':
      return { ...base, event: dto.event, allegationSummary: dto.allegationSummary };
    case 'reflective-review-report-agreed':
      // Without them the workflow refuses it, naming the rule (reflective-review-report-dates).
      return { ...base, event: dto.event, actionsDueBy: dto.actionsDueBy!, reviewOn: dto.reviewOn! };
    case 'list-report-details-supplied':
      return { ...base, event: dto.event, report: dto.report!, details: dto.details! };
    case 'vetting-clearance-withdrawn':
      // Withdrawal is dismissal without notice: what the barred-list report needs, if given now (else supplied later).
      return { ...base, event: dto.event, conduct: dto.conduct, standardsBreached: dto.standardsBreached, publicationExemption: dto.publicationExemption };
    case 'panel-appointed':
      return { ...base, event: dto.event, panel: dto.panel!, ...(settings.panelRules ? { panelRules: settings.panelRules } : {}) };
    case 'panel-objection-made':
      return { ...base, event: dto.event, member: dto.member!, grounds: dto.grounds! };
    case 'panel-objection-determined':
      return { ...base, event: dto.event, member: dto.member!, upheld: dto.upheld! };
    case 'panel-member-replaced':
      return { ...base, event: dto.event, member: dto.member!, replacement: dto.replacement!, ...(settings.panelRules ? { panelRules: settings.panelRules } : {}) };
    default:
      return { ...base, event: dto.event };
  }
}

export function matterEventCommand(dto: MatterEventDto, actor: Actor, commandId: string | undefined, settings: CommandSettings = {}): MatterEventCommand {
  const base = { actor, occurredAt: dto.occurredAt, ...(dto.note !== undefined ? { note: dto.note } : {}), ...(commandId ? { commandId } : {}) };
  switch (dto.event) {
    case 'investigator-appointed':
      return { ...base, event: dto.event, investigator: dto.investigator!, ...(settings.investigatorSettings ? { investigatorSettings: settings.investigatorSettings } : {}) };
    case 'subject-line-management-recorded':
      return { ...base, event: dto.event, subjectId: dto.subjectId!, ...(dto.unit !== undefined ? { unit: dto.unit } : {}), ...(dto.lineManagers !== undefined ? { lineManagers: dto.lineManagers } : {}) };
    case 'allegation-added': {
      const a = dto.allegation!;
      return { ...base, event: dto.event, allegation: { id: a.id, alleged: a.alleged, subjectIds: a.subjectIds, category: a.category, standards: a.standards } };
    }
    case 'timeliness-report-sent':
      return { ...base, event: dto.event, ...(dto.officerCopies !== undefined ? { officerCopies: dto.officerCopies.map((c) => ({ subjectId: c.subjectId, sent: c.sent, ...(c.withheldReason !== undefined ? { withheldReason: c.withheldReason } : {}) })) } : {}) };
    default:
      return { ...base, event: dto.event };
  }
}

/** The force's own rule on investigators travels with the appointment, so the workflow's check is deterministic. */
export function withInvestigatorSettings(cmd: MatterEventCommand, forceId: string, byForce: Record<string, InvestigatorForceSettings>): MatterEventCommand {
  const settings = byForce[forceId];
  return cmd.event === 'investigator-appointed' && settings ? { ...cmd, investigatorSettings: settings } : cmd;
}
