/** A small HTTP client for the end-to-end suite: real requests to the API the global setup started. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export type Who = { id: string; role: string };

export const AA: Who = { id: 'aa-e2e', role: 'appropriate-authority' };
export const CASE_OFFICER: Who = { id: 'co-e2e', role: 'case-officer' };

export function apiUrl(): string {
  const url = process.env.E2E_API_URL;
  if (!url) throw new Error('E2E_API_URL is not set: run the suite with `npm test`');
  return url;
}

export async function call<T = any>(method: string, path: string, body?: unknown, who: Who | null = CASE_OFFICER, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(who ? { 'x-actor-id': who.id, 'x-actor-role': who.role } : {}),
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
export const today = () => new Date().toISOString().slice(0, 10);
