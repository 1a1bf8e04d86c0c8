import { randomUUID } from 'crypto';
import { AA, CASE_OFFICER, apiUrl, call, nowIso, today, tokenFor } from '../support/api-client';
import { daysFromToday } from '../support/dates';

/**
 * Sends well over 1,000 malformed requests (a seeded generator, so a failure can be reproduced) and
 * expects a 4xx for every one: never a 5xx, never a hang.
 */
const COUNT = Number(process.env.MALFORMED_REQUESTS ?? 1200);

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const junkValues: unknown[] = [
  null, true, false, 0, -1, 1e308, -0.5, NaN, '', ' ', 'x'.repeat(5000), '💥', '\u0000', '<script>', "'; DROP TABLE matter; --",
  '2020-13-45', '2099-01-01', '1900-01-01', '2010-06-01', '0000-00-00', '2020-02-30T25:61:00Z', '2099-01-01T00:00:00Z', '1990-01-01T00:00:00Z',
  [], [1, 2], {}, { a: { b: { c: {} } } }, { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } },
];

describe('malformed requests', () => {
  it(`answers ${COUNT} malformed requests with a 4xx, never a 5xx`, async () => {
    const reference = `FUZZ-${randomUUID().slice(0, 8)}`;
    const created = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'CC', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    expect(created.status).toBe(201);
    const rnd = prng(20261123);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const valid: Record<string, Record<string, unknown>> = {
      '/matters': { reference: `FZ-${randomUUID().slice(0, 8)}`, kind: 'complaint', forceId: 'e2e-force', appropriateAuthority: 'CC', receivedOn: today(), subjects: [{ subjectId: 'a', kind: 'police-officer' }] },
      [`/matters/${reference}/subjects/pc-1/decisions`]: { decision: 'case-to-answer', caseToAnswer: 'misconduct', occurredAt: nowIso() },
      [`/matters/${reference}/subjects/pc-1/events`]: { event: 'interview-held', occurredAt: nowIso() },
      [`/matters/${reference}/decisions`]: { decision: 'mode-of-investigation', mode: 'local', occurredAt: nowIso() },
      [`/matters/${reference}/events`]: { event: 'complainant-updated', occurredAt: nowIso(), note: 'x' },
      [`/matters/${reference}/subjects/pc-1/deadlines/representations/extensions`]: { newDueDate: daysFromToday(400), reason: 'r', agreedBy: 'a', occurredAt: nowIso() },
      '/recommendations': { reference: `R-${randomUUID().slice(0, 8)}`, matterReference: reference, forceId: 'e2e-force', recipient: 'x', madeOn: '2022-01-20', text: 't' },
    };
    const paths = Object.keys(valid);
    const fieldNames = ['reference', 'kind', 'forceId', 'receivedOn', 'subjects', 'decision', 'severity', 'occurredAt', 'event', 'scheduledFor', 'outcome', 'warningMonths', 'newDueDate', 'mode', 'madeOn', 'caseToAnswer', 'extra', '__proto__'];
    const aa = await tokenFor(AA);
    const co = await tokenFor(CASE_OFFICER);
    const counts: Record<string, number> = {};
    const failures: string[] = [];

    for (let i = 0; i < COUNT; i++) {
      const path = pick(paths);
      const shape = Math.floor(rnd() * 10);
      let body: string;
      let contentType = 'application/json';
      let target = path;
      const base = JSON.parse(JSON.stringify(valid[path])) as Record<string, unknown>;
      switch (shape) {
        case 0: // malformed JSON text
          body = JSON.stringify(base).slice(0, Math.floor(rnd() * 40));
          break;
        case 1: // a junk value in place of a field
          base[pick(Object.keys(base))] = pick(junkValues);
          body = JSON.stringify(base);
          break;
        case 2: // an unknown field
          base[pick(fieldNames) + (rnd() < 0.5 ? '' : 'X')] = pick(junkValues);
          body = JSON.stringify(base);
          break;
        case 3: // a required field missing
          delete base[pick(Object.keys(base))];
          body = JSON.stringify(base);
          break;
        case 4: // not an object at all
          body = JSON.stringify(pick(junkValues));
          break;
        case 5: // nested junk in subjects
          base.subjects = [{ subjectId: pick(junkValues), kind: pick(junkValues) }, pick(junkValues)];
          body = JSON.stringify(base);
          break;
        case 6: // wrong content type
          body = 'reference=x&kind=y';
          contentType = pick(['text/plain', 'application/x-www-form-urlencoded', 'application/xml']);
          break;
        case 7: // a path that does not exist or a reference full of junk
          target = path.replace(reference, encodeURIComponent(String(pick(junkValues))).slice(0, 200) || 'x').replace('pc-1', pick(['%00', '..', 'x'.repeat(300), '%F0%9F%92%A5']));
          body = JSON.stringify(base);
          break;
        case 8: // junk query on the list
          target = `/matters?${pick(['limit', 'offset', 'dueWithinDays', 'overdue', 'kind', 'stage', 'forceId'])}=${encodeURIComponent(String(pick(junkValues)))}&limit=${pick(['-1', '0', 'abc', '100000', '1e3'])}`;
          body = '';
          break;
        default: // a huge body
          base.summary = 'x'.repeat(300_000 + Math.floor(rnd() * 100_000));
          body = JSON.stringify(base);
      }
      const method = shape === 8 ? 'GET' : 'POST';
      const res = await fetch(`${apiUrl()}${target}`, {
        method,
        headers: { 'content-type': contentType, authorization: `Bearer ${path.includes('decisions') ? aa : co}`, 'idempotency-key': `fuzz-${i}` },
        body: method === 'GET' ? undefined : body,
        signal: AbortSignal.timeout(20_000),
      });
      await res.arrayBuffer();
      counts[res.status] = (counts[res.status] ?? 0) + 1;
      if (res.status >= 500) failures.push(`#${i} ${method} ${target.slice(0, 120)} shape ${shape} → ${res.status}: ${body.slice(0, 200)}`);
    }
    console.log(`malformed requests: ${COUNT}; statuses: ${JSON.stringify(counts)}`);
    expect(failures).toEqual([]);
    expect(Object.keys(counts).every((s) => Number(s) < 500)).toBe(true);
    expect((counts['400'] ?? 0) + (counts['404'] ?? 0) + (counts['409'] ?? 0) + (counts['413'] ?? 0) + (counts['415'] ?? 0)).toBeGreaterThan(COUNT * 0.8);
  });
});
