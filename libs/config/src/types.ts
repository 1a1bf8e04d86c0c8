import { z } from 'zod';

/** The processes that read the environment: the four services, and `npm start`'s own tooling. */
export const SERVICES = ['api', 'worker', 'migrate', 'dispatcher'] as const;
export type Service = (typeof SERVICES)[number];
export type Reader = Service | 'npm start';

/** Where a value may come from: a variable's text, parsed; an empty string counts as unset. */
export type Parser<T> = z.ZodType<T, string>;

export interface Variable<T> {
  /** Parses the variable's text into its value; its messages say what is wrong. */
  readonly type: Parser<T>;
  /** The value when unset; none: the reader decides (and the README says how, in `shownDefault`). */
  readonly default?: T;
  readonly shownDefault?: string;
  readonly meaning: string;
  readonly readBy: readonly Reader[];
  /** For the services that read it: required always, or in production (NODE_ENV=production) only. */
  readonly required?: 'always' | 'production';
  /** Never echoed in a message (a password, a key, a URL that may hold a password). */
  readonly secret?: boolean;
}

/** Keeps each declaration's own type (its parser's output, whether it has a default) for `setting`'s answer. */
export function variable<const V extends Variable<unknown>>(v: V): V {
  return v;
}
