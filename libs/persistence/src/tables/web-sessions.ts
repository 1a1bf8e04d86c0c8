import { Sql } from './sql';

/** The SQL of `web_session`: the web interface's server-side sessions, keyed by the SHA-256 of the cookie's token. */

export interface WebSessionRow {
  tokenHash: string;
  /** Who is signed in ({ id, name, role, forceId, forces }), or null before sign-in. */
  signedIn: Record<string, unknown> | null;
  csrfToken: string;
  /** What a page keeps between requests: answers not yet confirmed, a sign-in's state and PKCE verifier. */
  data: Record<string, unknown>;
  expiresAt: Date;
}

export async function insertWebSession(sql: Sql, s: WebSessionRow): Promise<void> {
  await sql.query(`INSERT INTO web_session (token_hash, signed_in, csrf_token, data, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    s.tokenHash,
    s.signedIn === null ? null : JSON.stringify(s.signedIn),
    s.csrfToken,
    JSON.stringify(s.data),
    s.expiresAt,
  ]);
}

/** The session, if it exists and has not expired. */
export async function findWebSession(sql: Sql, tokenHash: string): Promise<WebSessionRow | undefined> {
  const [row] = await sql.query(`SELECT token_hash, signed_in, csrf_token, data, expires_at FROM web_session WHERE token_hash = $1 AND expires_at > now()`, [tokenHash]);
  return row ? { tokenHash: row.token_hash, signedIn: row.signed_in, csrfToken: row.csrf_token, data: row.data, expiresAt: row.expires_at } : undefined;
}

export async function updateWebSessionData(sql: Sql, tokenHash: string, data: Record<string, unknown>): Promise<void> {
  await sql.query(`UPDATE web_session SET data = $2, last_seen_at = now() WHERE token_hash = $1`, [tokenHash, JSON.stringify(data)]);
}

export async function deleteWebSession(sql: Sql, tokenHash: string): Promise<void> {
  await sql.query(`DELETE FROM web_session WHERE token_hash = $1`, [tokenHash]);
}

/** Sessions past their expiry, removed (called now and then by whoever creates sessions). */
export async function deleteExpiredWebSessions(sql: Sql): Promise<void> {
  await sql.query(`DELETE FROM web_session WHERE expires_at <= now()`);
}
