import { decodeDayCursor, encodeDayCursor } from './cursors';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

describe('the cursor of a list by day and reference (matters, unallocated work, confidential reports)', () => {
  it('gives back the matter a page ended on, whatever its reference holds', () => {
    for (const reference of ['PSD-2026-0001', 'MPS/2020/0623', 'a,b"c', 'Ŵ-ünïcode']) {
      const cursor = encodeDayCursor({ receivedOn: '2026-11-20', reference });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // safe in a query string as it is
      expect(decodeDayCursor(cursor)).toEqual({ receivedOn: '2026-11-20', reference });
    }
  });

  it('refuses anything this list did not give out', () => {
    expect(decodeDayCursor('not a cursor')).toBeNull();
    expect(decodeDayCursor('')).toBeNull();
    expect(decodeDayCursor(b64('{"receivedOn":"2026-11-20"}'))).toBeNull();
    expect(decodeDayCursor(b64(null))).toBeNull();
    expect(decodeDayCursor(b64(['20-11-2026', 'PSD-1']))).toBeNull();
    expect(decodeDayCursor(b64(['2026-11-20', '']))).toBeNull();
    expect(decodeDayCursor(b64(['2026-11-20', 7]))).toBeNull();
  });
});
