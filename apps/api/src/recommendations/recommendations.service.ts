import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { UpdateDefinition } from '@temporalio/client';
import { CommandBase, RecommendationView, recommendationState, recommendationWorkflowId, recordRecommendationResponse } from '@conduct/workflows';
import { COMMAND_GRANTS, Grant, mayActOnForce } from '@conduct/domain';
import { User, mayAccessForce } from '../auth/user';
import { asActor, requireGrant } from '../common/actor';
import { executeCommand } from '../temporal/commands';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';

/** A recommendation read and its commands sent, with the permission checks: for the API's controller and the web pages alike. */
@Injectable()
export class RecommendationsService {
  constructor(private readonly temporal: TemporalClientProvider) {}

  /** Another force's recommendation answers exactly as one that does not exist. */
  async get(reference: string, user: User): Promise<RecommendationView> {
    const view = await this.temporal.call({ what: `recommendation ${reference}`, command: false }, (client) => client.workflow.getHandle(recommendationWorkflowId(reference)).query(recommendationState));
    if (!mayAccessForce(user, view.forceId)) throw new NotFoundException(`recommendation ${reference} not found`);
    return view;
  }

  /** The recipient's written response (Sch3 para 28B). */
  respond(reference: string, response: { accepted: boolean; summary: string; occurredAt: string }, user: User, idempotencyKey?: string): Promise<RecommendationView> {
    const grant = COMMAND_GRANTS['recommendation-response'];
    requireGrant(user, grant);
    return this.command(reference, user, grant, recordRecommendationResponse, { ...response, actor: asActor(user), commandId: idempotencyKey });
  }

  async command<C extends CommandBase>(reference: string, user: User, grant: Grant, def: UpdateDefinition<RecommendationView, [C]>, cmd: C): Promise<RecommendationView> {
    const view = await this.get(reference, user);
    if (!mayActOnForce(user, view.forceId, grant)) {
      throw new ForbiddenException({ message: `${grant.words} on another force's recommendation may be recorded only by an administrator granted that force (oversight records there only the IOPC's own decisions)`, field: 'forceId' });
    }
    return executeCommand(this.temporal, `recommendation ${reference}`, recommendationWorkflowId(reference), def, cmd);
  }
}
