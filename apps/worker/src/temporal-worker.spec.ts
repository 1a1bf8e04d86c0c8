import { workerTuning } from './temporal-worker';

describe('worker tuning', () => {
  it("leaves the workflow cache to the SDK's default unless WORKER_MAX_CACHED_WORKFLOWS is set", () => {
    expect(workerTuning({})).toEqual({});
    expect(workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '' })).toEqual({});
    expect(workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '1000' })).toEqual({ maxCachedWorkflows: 1000 });
  });

  it('refuses a cache size that is not a whole number, naming the variable', () => {
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });
});
