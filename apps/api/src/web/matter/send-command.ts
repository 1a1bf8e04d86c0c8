import { HttpException } from '@nestjs/common';
import { COMMAND_GRANTS, subjectDecisionGrant, subjectEventGrant } from '@conduct/domain';
import type { User } from '../../auth/user';
import { asActor, requireGrant } from '../../common/actor';
import { unavailableServer } from '../../health/unavailable';
import { decisionCommand, eventCommand, matterEventCommand } from '../../matters/commands';
import { panelRulesConfigured } from '../../matters/matters.controller';
import type { DecisionDto, EventDto, ExtensionDto, MatterDecisionDto, MatterEventDto } from '../../matters/matters.dto';
import type { MattersService } from '../../matters/matters.service';
import type { Action } from './actions';

/**
 * A checked form's body sent through the API's own service, as the API's controller sends it: the same grant check,
 * the same command, the Idempotency-Key made when the question page was first shown.
 */
export async function sendCommand(matters: MattersService, reference: string, action: Action, body: Record<string, unknown>, user: User, key: string): Promise<unknown> {
  const actor = asActor(user);
  const { form, subjectId, deadlineKey } = action;
  if (form.target === 'deadline') {
    const dto = body as unknown as ExtensionDto;
    if (subjectId) {
      requireGrant(user, COMMAND_GRANTS['subject-deadline-extension']);
      return matters.extendSubjectDeadline(reference, subjectId, { ...dto, key: deadlineKey!, actor, commandId: key }, user, COMMAND_GRANTS['subject-deadline-extension']);
    }
    requireGrant(user, COMMAND_GRANTS['matter-deadline-extension']);
    return matters.extendMatterDeadline(reference, { ...dto, key: deadlineKey!, actor, commandId: key }, user, COMMAND_GRANTS['matter-deadline-extension']);
  }
  if (form.target === 'subject') {
    if ('decision' in form.fixed) {
      const dto = body as unknown as DecisionDto;
      const grant = subjectDecisionGrant(dto.decision);
      requireGrant(user, grant);
      return matters.subjectDecision(reference, subjectId!, decisionCommand(dto, actor, key), user, grant);
    }
    const dto = body as unknown as EventDto;
    const grant = subjectEventGrant(dto.event);
    requireGrant(user, grant);
    return matters.subjectEvent(reference, subjectId!, eventCommand(dto, actor, key, { panelRules: panelRulesConfigured() }), user, grant);
  }
  if ('decision' in form.fixed) {
    const dto = body as unknown as MatterDecisionDto;
    const grant = COMMAND_GRANTS[dto.decision];
    requireGrant(user, grant);
    return matters.matterDecision(reference, { ...dto, actor, commandId: key }, user, grant);
  }
  const dto = body as unknown as MatterEventDto;
  requireGrant(user, COMMAND_GRANTS['matter-event']);
  return matters.matterEvent(reference, matterEventCommand(dto, actor, key), user, COMMAND_GRANTS['matter-event']);
}

/** A command's failure as the check page tells it: the refusal's rule, "your role cannot", or "try again". */
export interface SendFailure {
  status: number;
  text: string;
  /** The place in the body a refusal names (`allegationFindings[0].allegationId`): the question that asked it is shown again. */
  field?: string;
  retryAfterSeconds?: number;
}

/** What the person can do about a failed command; undefined for a failure that is not theirs to act on (a 404, a 500). */
export function sendFailureOf(err: unknown): SendFailure | undefined {
  if (unavailableServer(err)) return { status: 503, text: 'The service is not available just now. Nothing was lost: try again in a few seconds, and it will be recorded once.', retryAfterSeconds: 10 };
  if (!(err instanceof HttpException)) return undefined;
  const status = err.getStatus();
  const body = err.getResponse();
  const b = (typeof body === 'object' && body ? body : { message: body }) as { message?: unknown; rule?: unknown; regulation?: unknown; ruleSet?: unknown; retryAfterSeconds?: unknown; field?: unknown };
  const message = Array.isArray(b.message) ? b.message.join('; ') : String(b.message ?? '');
  if (status === 409) {
    const under = [b.regulation && `regulation ${b.regulation}`, b.ruleSet && `rule set ${b.ruleSet}`].filter(Boolean).join(', ');
    return { status, text: `Refused under the rule ${b.rule ?? 'of the workflow'}${under ? ` (${under})` : ''}: ${message}` };
  }
  if (status === 403) return { status, text: `Your role cannot do this: ${message}` };
  if (status === 400) return { status, text: `The engine did not accept this: ${message}${b.rule ? ` (rule ${b.rule})` : ''}`, ...(typeof b.field === 'string' ? { field: b.field } : {}) };
  if (status === 503 || status === 504) {
    const retry = typeof b.retryAfterSeconds === 'number' ? b.retryAfterSeconds : 5;
    return { status: 503, text: 'The engine did not answer in time. Nothing was lost: try again, and it will be recorded once.', retryAfterSeconds: retry };
  }
  return undefined;
}
