import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiGatewayTimeoutResponse, ApiNotFoundResponse, ApiResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } };

/**
 * The answers every command may give: its success (201 when it creates, else 200), then the refusals in the
 * order they are checked (body, role, force, workflow), and the 503/504 of a part out of reach or a workflow
 * that did not answer in time.
 */
export function ApiCommandErrors(success: 200 | 201 = 200): MethodDecorator {
  return applyDecorators(
    ApiResponse({ status: success, description: success === 201 ? 'Created: its state after the first step' : 'Recorded: the state after the command' }),
    ApiBadRequestResponse({ description: 'A field is missing or wrong (each is named), or the Idempotency-Key is not 1 to 128 visible ASCII characters' }),
    ApiForbiddenResponse({ description: "The caller's role may not send this command: `rolesAllowed` names the roles that may. For a referral or a recommendation made for another force, or a write on a granted force the role may not make there: `field: forceId`" }),
    ApiNotFoundResponse({ description: "No such matter, subject or recommendation, or another force's: the same answer" }),
    ApiServiceUnavailableResponse({ description: 'Temporal or PostgreSQL cannot be reached (`code`: temporal-unreachable, postgres-unreachable): nothing was recorded; try again after Retry-After', headers: RETRY_AFTER }),
    ApiGatewayTimeoutResponse({ description: "The workflow did not answer within the API's deadline (`code`: workflow-timeout): the command may still be applied; retry with the same Idempotency-Key after Retry-After", headers: RETRY_AFTER }),
  );
}
