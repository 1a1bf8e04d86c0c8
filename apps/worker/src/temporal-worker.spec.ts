import { workerTuning } from './temporal-worker';

describe('worker tuning', () => {
  it('bounds the workflow cache at 1,000 unless WORKER_MAX_CACHED_WORKFLOWS says otherwise', () => {
    expect(workerTuning({})).toEqual({ maxCachedWorkflows: 1000 });
    expect(workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '' })).toEqual({ maxCachedWorkflows: 1000 });
    expect(workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '1000' })).toEqual({ maxCachedWorkflows: 1000 });
  });

  it('refuses a cache size that is not a whole number, naming the variable', () => {
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });
});
