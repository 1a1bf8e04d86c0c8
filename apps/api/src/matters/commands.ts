/**
 * From a validated request body to the command a workflow takes: one function per body, each building the
 * command's own variant, so what reaches the workflow is typed end to end (no cast). The DTO's validators have
 * already refused a body that lacks what its decision needs; a field they made required is read with `!`.
 */
import type { Actor, DecisionCommand, EventCommand } from '@conduct/workflows';
import type { DecisionDto, EventDto } from './matters.dto';

export function decisionCommand(dto: DecisionDto, actor: Actor, commandId: string | undefined): DecisionCommand {
  const base = { actor, occurredAt: dto.occurredAt, ...(dto.rationale !== undefined ? { rationale: dto.rationale } : {}), ...(commandId ? { commandId } : {}) };
  switch (dto.decision) {
    case 'severity-assessment':
      return { ...base, decision: dto.decision, severity: dto.severity!, likelyForm: dto.likelyForm, routeIfNeither: dto.routeIfNeither };
    case 'severity-revision':
      return { ...base, decision: dto.decision, severity: dto.severity!, likelyForm: dto.likelyForm, reason: dto.reason! };
    case 'case-to-answer':
      return {
        ...base,
        decision: dto.decision,
        caseToAnswer: dto.caseToAnswer!,
        routeIfNone: dto.routeIfNone,
        severalUnconnectedIncidents: dto.severalUnconnectedIncidents,
        ...(dto.misconductHearingBecause !== undefined ? { misconductHearingBecause: dto.misconductHearingBecause } : {}),
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
      };
    case 'appeal-determination':
      return { ...base, decision: dto.decision, result: dto.result!, substitutedOutcome: dto.substitutedOutcome };
  }
}

export function eventCommand(dto: EventDto, actor: Actor, commandId: string | undefined): EventCommand {
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
    case 'list-report-details-supplied':
      return { ...base, event: dto.event, report: dto.report!, details: dto.details! };
    default:
      return { ...base, event: dto.event };
  }
}
