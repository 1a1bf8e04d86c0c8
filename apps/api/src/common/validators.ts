import { ValidationOptions, registerDecorator } from 'class-validator';
import { DECISION_RATIONALE, checkRationale, isIsoDate, londonDateOf } from '@conduct/domain';
import { FIRST_RELIABLE_YEAR } from '@conduct/domain/calendar';

/** The bank-holiday calendar is reliable from this date; a matter cannot start before it. */
export const EARLIEST_DATE = `${FIRST_RELIABLE_YEAR}-01-01`;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A civil date, YYYY-MM-DD, that exists. */
export function IsCivilDate(opts: { notInFuture?: boolean; notBefore?: string } = {}, validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCivilDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date written YYYY-MM-DD${opts.notBefore ? `, not before ${opts.notBefore}` : ''}${opts.notInFuture ? ', not in the future' : ''}`, ...validationOptions },
      validator: {
        validate: (v: unknown) => isIsoDate(v) && (!opts.notBefore || v >= opts.notBefore) && (!opts.notInFuture || v <= londonDateOf(Date.now())),
      },
    });
}

/** An ISO-8601 date and time with a zone, not in the future (five minutes' grace for clocks). */
export function IsInstant(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO-8601 date and time with a zone (e.g. 2020-06-24T10:00:00Z), not in the future`, ...validationOptions },
      validator: {
        validate: (v: unknown) => typeof v === 'string' && INSTANT.test(v) && isIsoDate(v.slice(0, 10)) && Number.isFinite(Date.parse(v)) && Date.parse(v) <= Date.now() + 5 * 60_000,
      },
    });
}

/** A decision's rationale: what was decided and why, not blank (IOPC statutory guidance; checkRationale in @conduct/domain). */
export function IsRationale(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRationale',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} is required: every decision says what was decided and why, including a decision not to act, in at most ${DECISION_RATIONALE.maxLength} characters (${DECISION_RATIONALE.source})`,
        ...validationOptions,
      },
      validator: { validate: (v: unknown) => checkRationale(v).allowed },
    });
}
