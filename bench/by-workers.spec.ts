import { WorkersRound, renderByWorkers } from './by-workers';

const summary = (p50: number, p95: number, p99: number) => ({ count: 10, min: p50, mean: p50, p50, p95, p99, max: p99 });
function round(workers: number, perSecond: number, cpu: Record<string, number>): WorkersRound {
  return {
    workers,
    intake: {
      http: { seconds: 60, concurrency: 16, referred: perSecond * 60, failed: 0, errors: [], perSecond, latencyMs: summary(800, 1_500, 1_900), cpuCores: {}, cpuMsPerMatter: cpu, loadAverage: 2 },
      emptyWorkflow: {} as never,
      ratio: perSecond / 40,
    },
    decisions: { concurrency: 50, seconds: 60, decided: 900, failed: 1, errors: ['decide X: 504'], perSecond: 15, latencyMs: summary(1_000, 2_000, 2_400), cpuCores: {}, cpuMsPerDecision: cpu, loadAverage: 3 },
  };
}

describe('the benchmark with one worker and with two', () => {
  it('sets each count beside the other, one column per count, with every worker process counted in the CPU', () => {
    const table = renderByWorkers([round(1, 17, { worker: 40, temporal: 35, api: 5 }), round(2, 24, { worker: 22, 'worker-2': 21, temporal: 33, api: 5 })]).split('\n');
    expect(table[0]).toMatch(/^\| Figure +\| 1 worker +\| 2 workers +\|$/);
    const row = (figure: string) => table.find((l) => l.startsWith(`| ${figure} `))!.split('|').slice(2, -1).map((c) => c.trim());
    expect(row('1. Intake over HTTP (matters/s)')).toEqual(['17', '24']);
    expect(row('1. CPU per matter (ms)')).toEqual(['workers 40, temporal 35, api 5', 'workers 43, temporal 33, api 5']);
    expect(row('2. Decision latency p50 / p95 / p99 (ms)')).toEqual(['1,000 / 2,000 / 2,400', '1,000 / 2,000 / 2,400']);
    expect(row('Failed (intake / decisions)')).toEqual(['0 / 1', '0 / 1']);
  });

  it('leaves a section out of a round that did not measure it', () => {
    const { decisions: _left, ...intakeOnly } = round(1, 17, { worker: 40 });
    const table = renderByWorkers([intakeOnly, round(2, 24, { worker: 20, 'worker-2': 20 })]);
    expect(table).toMatch(/\| 2\. Decisions \(per second\) +\| +\| 15 \(900 decided\) +\|/);
    expect(table).toMatch(/\| Failed \(intake \/ decisions\) +\| 0 \/ – +\| 0 \/ 1 +\|/);
  });
});
