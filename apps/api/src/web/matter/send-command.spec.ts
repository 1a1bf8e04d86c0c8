import { BadRequestException, ConflictException, ForbiddenException, HttpStatus, NotFoundException } from '@nestjs/common';
import { RetryLaterException } from '../../common/temporal-errors';
import { sendFailureOf } from './send-command';

describe("a command's failure as the check page tells it", () => {
  it('a refusal names the rule, the regulation and the rule set', () => {
    const refused = new ConflictException({ statusCode: 409, message: 'no action is refused on a finding of misconduct', rule: 'misconduct-finding-carries-disciplinary-action', regulation: 'CR reg 42', ruleSet: 'rules-2025' });
    expect(sendFailureOf(refused)).toEqual({
      status: 409,
      text: 'Refused under the rule misconduct-finding-carries-disciplinary-action (regulation CR reg 42, rule set rules-2025): no action is refused on a finding of misconduct',
    });
  });

  it('a 403 says the role cannot; a timeout or an unavailable engine says to try again, nothing lost', () => {
    expect(sendFailureOf(new ForbiddenException({ message: 'A severity assessment may be recorded only by: appropriate-authority' }))?.text).toMatch(/^Your role cannot do this: A severity assessment/);
    const timeout = sendFailureOf(new RetryLaterException(HttpStatus.GATEWAY_TIMEOUT, 'workflow-timeout', 'slow', 5));
    expect(timeout).toMatchObject({ status: 503, retryAfterSeconds: 5, text: expect.stringContaining('Nothing was lost') });
  });

  it('a 404 or an unexpected error is not the check page\'s to explain', () => {
    expect(sendFailureOf(new NotFoundException())).toBeUndefined();
    expect(sendFailureOf(new Error('boom'))).toBeUndefined();
  });

  it('a 400 naming a field and rule keeps the field, so the question that asked it is shown again', () => {
    const refused = new BadRequestException({ message: "allegationFindings[0].allegationId 'a2' is not alleged against pc-1", field: 'allegationFindings[0].allegationId', rule: 'allegation-against-subject', regulation: null });
    expect(sendFailureOf(refused)).toEqual({
      status: 400,
      text: "The engine did not accept this: allegationFindings[0].allegationId 'a2' is not alleged against pc-1 (rule allegation-against-subject)",
      field: 'allegationFindings[0].allegationId',
    });
  });
});
