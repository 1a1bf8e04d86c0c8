import { RunningService, startService } from '../../tools/stack/service';
import { freePort } from '../../tools/stack/ports';
import { AA, tokenFor } from '../support/api-client';

/**
 * The API over HTTP as a browser or a scanner meets it: security headers on every answer, no X-Powered-By, and
 * rate limits on what answers without a token. The limits are tried on an API of this suite's own (same database
 * and Temporal, limits small enough to reach), so the shared API's counters are left alone for the other suites.
 */
const HEADERS = {
  'content-security-policy': expect.stringContaining("default-src 'self'"),
  'strict-transport-security': expect.stringContaining('max-age='),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

async function headersOf(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Record<string, string> }> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()) };
}

describe('security headers', () => {
  it('are on every answer (public, refused, authenticated, the OpenAPI page), and X-Powered-By is not', async () => {
    const base = process.env.E2E_API_URL!;
    const token = await tokenFor(AA);
    const answers = [
      await headersOf(`${base}/health/live`),
      await headersOf(`${base}/docs`),
      await headersOf(`${base}/matters`),
      await headersOf(`${base}/matters?limit=1`, { headers: { authorization: `Bearer ${token}` } }),
      await headersOf(`${base}/matters`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: 'x'.repeat(300 * 1024) }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 200, 413]);
    // The Content-Security-Policy allows scripts from the API itself only: the OpenAPI page has no inline script.
    const page = await (await fetch(`${base}/docs`)).text();
    const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !/\bsrc=/.test(tag))).toEqual([]);
    for (const a of answers) {
      expect(a.headers).toMatchObject(HEADERS);
      expect(a.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('rate limits', () => {
  let api: RunningService;
  let base: string;
  const LIMITS = { RATE_LIMIT_PUBLIC: '5', RATE_LIMIT_TOKENLESS: '3', RATE_LIMIT_WINDOW_MS: '60000' };

  beforeAll(async () => {
    const port = await freePort();
    api = await startService('api', 'apps/api/src/main.ts', {
      ...LIMITS,
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      TEMPORAL_ADDRESS: process.env.E2E_TEMPORAL_ADDRESS,
      AUTH_JWT_SECRET: process.env.E2E_JWT_SECRET,
      REQUEST_LOG: 'off',
    }, { silent: true });
    base = `http://localhost:${port}`;
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answer a burst to the public endpoints beyond the limit with 429 and Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await headersOf(`${base}/health/live`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    for (const p of ['/health/live', '/docs-json', '/rules']) {
      const over = await headersOf(`${base}${p}`);
      expect(over.status).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(over.headers).toMatchObject(HEADERS);
    }
  });

  it('answer a burst without a valid token beyond the limit with 429, and never limit a request whose token is valid', async () => {
    const token = await tokenFor(AA);
    const statuses = [];
    // A token that fails the check counts as none.
    for (let i = 0; i < 2; i++) statuses.push((await headersOf(`${base}/matters`, { method: 'POST' })).status);
    statuses.push((await headersOf(`${base}/matters`, { headers: { authorization: 'Bearer guessed' } })).status);
    statuses.push((await headersOf(`${base}/matters`, { method: 'POST' })).status);
    const guessing = await headersOf(`${base}/matters`, { headers: { authorization: 'Bearer guessed-again' } });
    expect([...statuses, guessing.status]).toEqual([401, 401, 401, 429, 429]);
    expect(Number(guessing.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const refused = await fetch(`${base}/matters`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ statusCode: 429, code: 'rate-limited' });
    // Ten times the limit with a token, from the same address: every one answered.
    const authenticated = await Promise.all(Array.from({ length: 30 }, () => headersOf(`${base}/matters?limit=1`, { headers: { authorization: `Bearer ${token}` } })));
    expect(new Set(authenticated.map((a) => a.status))).toEqual(new Set([200]));
  });
});
