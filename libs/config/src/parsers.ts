import * as fs from 'fs';
import { z } from 'zod';
import { type AgeBandRule, type AllocationRoute, checkAgeBands, checkAllocationRoutes, checkEarlyInterventionRules, IOPC_CATEGORY_CODES, DeadlineOverrides, type EarlyInterventionRule, InvestigatorForceSettings, PanelRuleOverrides, parseDeadlineOverrides, parseInvestigatorForceSettings, parsePanelRuleOverrides } from '@conduct/domain';
import type { Parser } from './types';

/** The parsers each variable's text goes through: each says, in words, what it expected. */

export const text: Parser<string> = z.string().trim().min(1, 'expected some text');

export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> {
  return z
    .string()
    .regex(/^\d+$/, min > 0 ? `expected a whole number from ${min}` : 'expected a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`).max(max, `expected a whole number from ${min} to ${max}`));
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T): Parser<T[number]> {
  return z.string().refine((v): v is T[number] => values.includes(v), `expected one of ${values.join(', ')}`) as unknown as Parser<T[number]>;
}

export function url(protocols: readonly string[]): Parser<string> {
  return z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
    } catch {
      return false;
    }
  }, `expected a URL (${protocols.map((p) => `${p}://`).join(' or ')})`);
}

/** A file that must exist when the service starts (a prebuilt artefact), so a wrong path stops it with exit 78, not later. */
export const existingFile: Parser<string> = z.string().refine((v) => fs.existsSync(v) && fs.statSync(v).isFile(), 'expected an existing file');

/**
 * A PEM file (a certificate, a chain, a key) that exists and this process may read when the service starts, so a
 * wrong path or a file mounted unreadable stops it with exit 78 rather than at its first connection.
 */
export const pemFile: Parser<string> = z.string().superRefine((v, ctx) => {
  try {
    fs.accessSync(v, fs.constants.R_OK);
    if (!fs.statSync(v).isFile()) throw new Error('not a file');
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected a readable file' });
    return;
  }
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(fs.readFileSync(v, 'utf8'))) ctx.addIssue({ code: 'custom', message: 'expected a PEM file (-----BEGIN ...-----)' });
});

export const hostAndPort: Parser<string> = z.string().regex(/^[A-Za-z0-9._-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/, 'expected host:port');

export const json: Parser<string> = z.string().refine((v) => {
  try {
    JSON.parse(v);
    return true;
  } catch {
    return false;
  }
}, 'expected JSON');

/** A comma-separated list of origins (scheme, host and port, no path), as a browser sends in `Origin`. */
export const origins: Parser<string[]> = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
  .refine((list) => list.length > 0 && list.every((o) => /^https?:\/\//.test(o) && URL.canParse(o) && new URL(o).origin === o), 'expected comma-separated origins such as http://localhost:8233');

/** A comma-separated list of host names (no scheme, port or path), such as a compose network's service names. */
export const hostNames: Parser<string[]> = z
  .string()
  .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
  .refine((list) => list.length > 0 && list.every((h) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(h)), 'expected comma-separated host names such as identity');

export const pemPublicKey: Parser<string> = z.string().refine((v) => /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.test(v), 'expected a PEM public key (-----BEGIN PUBLIC KEY-----)');

/** `{ "<key id>": "<32 bytes, base64>" }`, every key 256 bits (AES-256-GCM). */
export const payloadKeys: Parser<Record<string, string>> = z.string().transform((v, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((k) => typeof k === 'string')) {
    ctx.addIssue({ code: 'custom', message: 'must be JSON: { "<key id>": "<base64 of 32 bytes>" }' });
    return z.NEVER;
  }
  const keys = parsed as Record<string, string>;
  if (Object.keys(keys).length === 0) ctx.addIssue({ code: 'custom', message: 'holds no key' });
  for (const [id, b64] of Object.entries(keys)) if (Buffer.from(b64, 'base64').length !== 32) ctx.addIssue({ code: 'custom', message: `key '${id}' must be 32 bytes (256 bits), base64` });
  return keys;
});

/** The rules' own parser (libs/domain), so a bad override is refused at start, not when a deadline is counted. */
export const deadlineOverrides: Parser<DeadlineOverrides> = z.string().transform((v, ctx) => {
  try {
    return parseDeadlineOverrides(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

/** Express's `trust proxy`: how many proxies stand in front, or which addresses are trusted to say who the client is. */
export const trustProxy: Parser<number | string> = z
  .string()
  .regex(/^(\d+|loopback|linklocal|uniquelocal|[0-9A-Fa-f.:/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:/]+))*$/, 'expected a number of proxies, or addresses: loopback, uniquelocal, 10.0.0.0/8, …')
  .transform((v) => (/^\d+$/.test(v) ? Number(v) : v));

/** The unconfirmed panel rules, parsed by the domain so a bad value is refused at start. */
export const panelRules: Parser<PanelRuleOverrides> = z.string().transform((v, ctx) => {
  try {
    return parsePanelRuleOverrides(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

/** A JSON setting checked by the domain's own check of it: not JSON, or each problem the check names (field and reason), refused. */
function checkedJson<T>(example: string, check: (value: unknown) => readonly { field: string; reason: string }[]): Parser<T> {
  return z.string().transform((v, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: example });
      return z.NEVER;
    }
    const problems = check(parsed);
    if (problems.length) {
      ctx.addIssue({ code: 'custom', message: problems.map((p) => `${p.field} ${p.reason}`).join('; ') });
      return z.NEVER;
    }
    return parsed as T;
  });
}

/** Each force's routes of matters to specialist queues by allegation category (libs/domain/src/allocation.ts). */
export const allocationRoutes = checkedJson<Record<string, AllocationRoute[]>>('expected JSON: {"<force id>": [{"queue": "...", "categories": ["E1", ...]}]}', (value) => checkAllocationRoutes(value, IOPC_CATEGORY_CODES));

/** Each force's own early-intervention rules (libs/domain/src/early-intervention.ts), every problem named. */
export const earlyInterventionRules = checkedJson<Record<string, EarlyInterventionRule[]>>('expected JSON: {"<force id>": [rule, ...]}', (value) => checkEarlyInterventionRules(value, 'EARLY_INTERVENTION_RULES'));

/** The Home Office return's age bands in place of the engine's [U] defaults (libs/domain/src/characteristics.ts), every problem named. */
export const ageBands = checkedJson<AgeBandRule[]>('expected JSON: [{"code": "under-26", "from": 0, "to": 25}, ..., {"code": "56-and-over", "from": 56, "to": null}]', (value) => checkAgeBands(value, 'HOME_OFFICE_AGE_BANDS'));

/** Each force's rules on appointing investigators. */
export const investigatorForceSettings: Parser<Record<string, InvestigatorForceSettings>> = z.string().transform((v, ctx) => {
  try {
    return parseInvestigatorForceSettings(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});
