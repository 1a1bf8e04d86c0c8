import { retryUntil } from './ports';

describe('retryUntil', () => {
  it('calls again until the attempt succeeds, and returns its answer', async () => {
    let calls = 0;
    const answer = await retryUntil(Date.now() + 5_000, 1, async () => {
      if (++calls < 3) throw new Error('not yet');
      return 'serving';
    });
    expect([answer, calls]).toEqual(['serving', 3]);
  });

  it('rethrows the last error once the deadline has passed', async () => {
    let calls = 0;
    await expect(retryUntil(Date.now() + 30, 5, async () => Promise.reject(new Error(`refused ${++calls}`)))).rejects.toThrow(/refused \d+/);
    expect(calls).toBeGreaterThan(1);
  });
});
