/** A small HTTP client for the end-to-end suite: real requests to the API the global setup started. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

import { signToken } from '../../tools/stack/tokens';

/** Who is calling: a token is minted for them as the force's identity provider would. */
export type Who = { id: string; role: string; force?: string; forces?: string[] };

export const E2E_FORCE = 'e2e-force';
export const AA: Who = { id: 'aa-e2e', role: 'appropriate-authority' };
export const CASE_OFFICER: Who = { id: 'co-e2e', role: 'case-officer' };

const tokens = new Map<string, Promise<string>>();
export function tokenFor(who: Who): Promise<string> {
  const key = JSON.stringify(who);
  if (!tokens.has(key)) {
    const secret = process.env.E2E_JWT_SECRET;
    if (!secret) throw new Error('E2E_JWT_SECRET is not set: run the suite with `npm test`');
    tokens.set(key, signToken(secret, { sub: who.id, role: who.role, force: who.force ?? E2E_FORCE, forces: who.forces }));
  }
  return tokens.get(key)!;
}

export function apiUrl(): string {
  const url = process.env.E2E_API_URL;
  if (!url) throw new Error('E2E_API_URL is not set: run the suite with `npm test`');
  return url;
}

/**
 * Every decision carries its rationale (the API refuses one without). A test about something else sends this one;
 * a test about the rationale names its own, or sends `rationale: undefined` (or a string body) to leave it out.
 */
export const TEST_RATIONALE = 'recorded by the end-to-end suite: the decision this test needs';

function withRationale(method: string, path: string, body: unknown): unknown {
  const decision = method === 'POST' && /\/decisions$/.test(path.split('?')[0]);
  return decision && body !== null && typeof body === 'object' && !Array.isArray(body) && !('rationale' in body) ? { ...body, rationale: TEST_RATIONALE } : body;
}

export async function call<T = any>(method: string, path: string, body?: unknown, who: Who | null = CASE_OFFICER, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  body = withRationale(method, path, body);
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(who ? { authorization: `Bearer ${await tokenFor(who)}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T };
}

export const nowIso = () => new Date().toISOString();
export { today } from './dates';
