import { ValidationOptions, registerDecorator } from 'class-validator';
import { isIsoDate, londonDateOf } from '@conduct/domain';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A civil date, YYYY-MM-DD, that exists. */
export function IsCivilDate(opts: { notInFuture?: boolean } = {}, validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCivilDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date written YYYY-MM-DD${opts.notInFuture ? ', not in the future' : ''}`, ...validationOptions },
      validator: {
        validate: (v: unknown) => isIsoDate(v) && (!opts.notInFuture || v <= londonDateOf(Date.now())),
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
