/** HTTP to the API for the benchmarks. Every request's headers are built by `headersFor`, the one place to change for bearer tokens. */

export type Caller = { id: string; role: 'appropriate-authority' | 'case-officer' | 'investigator' | 'oversight' | 'administrator' };

export const CASE_OFFICER: Caller = { id: 'bench-case-officer', role: 'case-officer' };
export const APPROPRIATE_AUTHORITY: Caller = { id: 'bench-aa', role: 'appropriate-authority' };

/** The headers of every benchmark request: who is calling (X-Actor-* today, a bearer token soon) and the body's type. */
export function headersFor(who: Caller, hasBody: boolean): Record<string, string> {
  return {
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    'x-actor-id': who.id,
    'x-actor-role': who.role,
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

export function referral(reference: string, receivedOn: string, forceId = 'bench-force') {
  return {
    reference,
    kind: 'conduct-matter',
    forceId,
    appropriateAuthority: 'Chief Constable of Bench',
    receivedOn,
    subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: `W-${reference}` }],
  };
}
