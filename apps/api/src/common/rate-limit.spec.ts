import { FixedWindowCounter, RateLimits, rateLimitedAs } from './rate-limit';

describe('the rate limits', () => {
  it('count what answers without a token, and requests without a token, but never a request that carries one', () => {
    expect(['/health', '/health/live', '/rules', '/docs', '/docs/swagger-ui.css', '/docs-json', '/metrics'].map((p) => rateLimitedAs(p, undefined))).toEqual(Array(7).fill('public'));
    expect(rateLimitedAs('/health', 'Bearer eyJ…')).toBe('public');
    expect(rateLimitedAs('/matters', undefined)).toBe('token-less');
    expect(rateLimitedAs('/codec/decode', 'Basic abc')).toBe('token-less');
    expect(rateLimitedAs('/matters', 'Bearer eyJ…')).toBeNull();
    expect(rateLimitedAs('/rulesets', 'Bearer eyJ…')).toBeNull();
  });

  it("count a confidential reporter's requests whatever cookie the browser sends; the department's, with a token, are not counted", () => {
    expect(rateLimitedAs('/confidential-reporting', undefined, true)).toBe('token-less');
    expect(rateLimitedAs('/confidential-reporting/return', undefined, true)).toBe('token-less');
    expect(rateLimitedAs('/confidential-reports/CR-0123456789YZ', undefined)).toBe('token-less');
    expect(rateLimitedAs('/confidential-reports', 'Bearer eyJ…')).toBeNull();
    expect(rateLimitedAs('/confidential-reportsx', undefined, true)).toBeNull();
  });

  it('let the limit through in a window, then refuse until the window ends, saying how long in whole seconds', () => {
    let now = 1_000_000;
    const counter = new FixedWindowCounter(2, 60_000, () => now);
    expect(counter.take('a')).toEqual({ allowed: true });
    expect(counter.take('a')).toEqual({ allowed: true });
    now += 10_500;
    expect(counter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(counter.take('b')).toEqual({ allowed: true });
    now += 49_500;
    expect(counter.take('a')).toEqual({ allowed: true });
  });

  it('answer 429 with Retry-After past the limit, and let CORS preflights through', () => {
    const limit = new RateLimits({ RATE_LIMIT_TOKENLESS: '1', RATE_LIMIT_WINDOW_MS: '30000' }, () => 0).middleware;
    const answered: { status?: number; headers: Record<string, string>; body?: unknown; passed: number } = { headers: {}, passed: 0 };
    const res = {
      locals: {},
      setHeader: (n: string, v: string) => void (answered.headers[n] = v),
      status(code: number) {
        answered.status = code;
        return res;
      },
      json: (b: unknown) => (answered.body = b),
    };
    const req = (method: string) => ({ method, ip: '203.0.113.9', path: '/matters', url: '/matters', headers: {} });
    const next = () => void (answered.passed += 1);
    limit(req('POST'), res, next);
    limit(req('OPTIONS'), res, next);
    limit(req('POST'), res, next);
    expect(answered).toEqual({
      passed: 2,
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { statusCode: 429, error: 'Too Many Requests', code: 'rate-limited', message: 'too many token-less requests from this address: try again in 30 s' },
    });
  });
});
