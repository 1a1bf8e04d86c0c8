/** HTTP to the API for the benchmarks. Every request's headers are built by `headersFor`, the one place to change for bearer tokens. */

export type Caller = { id: string; role: 'appropriate-authority' | 'case-officer' | 'investigator' | 'oversight' | 'administrator' };

export const CASE_OFFICER: Caller = { id: 'bench-case-officer', role: 'case-officer' };
export const APPROPRIATE_AUTHORITY: Caller = { id: 'bench-aa', role: 'appropriate-authority' };

/** Every benchmark matter belongs to one force, the force of the benchmark's callers. */
export const BENCH_FORCE = 'bench-force';

const tokens = new Map<string, string>();

/** Mints each caller's bearer token once, with the stack's secret, before any request is timed. */
export async function prepareTokens(secret: string): Promise<void> {
  const { signToken } = await import('../tools/stack/tokens');
  for (const who of [CASE_OFFICER, APPROPRIATE_AUTHORITY]) tokens.set(who.id, await signToken(secret, { sub: who.id, role: who.role, force: BENCH_FORCE }));
}

/** The headers of every benchmark request: the caller's bearer token and the body's type. */
export function headersFor(who: Caller, hasBody: boolean): Record<string, string> {
  const token = tokens.get(who.id);
  if (!token) throw new Error('bench: prepareTokens(secret) must run before any request');
  return {
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    authorization: `Bearer ${token}`,
  };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

export async function request<T = any>(base: string, method: 'GET' | 'POST', path: string, who: Caller, body?: unknown): Promise<Answer<T>> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { method, headers: headersFor(who, body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, ms };
}

/** Throws unless the status is the expected one, so a failed request never counts as a completed one. */
export function expectStatus<T>(a: Answer<T>, status: number, what: string): Answer<T> {
  if (a.status !== status) throw new Error(`${what}: HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
  return a;
}

export function referral(reference: string, receivedOn: string, forceId = BENCH_FORCE) {
  return {
    reference,
    kind: 'conduct-matter',
    forceId,
    appropriateAuthority: 'Chief Constable of Bench',
    receivedOn,
    subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: `W-${reference}` }],
  };
}
