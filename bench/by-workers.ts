/** `--workers 1,2`: intake and decisions with each count of worker processes, set side by side. */
import type { DecisionsResult, FloorResult, IntakeResult } from './stack-bench';
import { fmt, markdownTable } from './stats';

/** Intake and decisions measured with one count of worker processes (`--workers`). */
export interface WorkersRound {
  workers: number;
  intake?: { http: IntakeResult; emptyWorkflow: FloorResult; ratio: number };
  decisions?: DecisionsResult;
}

/** The CPU milliseconds of every worker process together (`worker`, `worker-2`, ...), and of the others by name. */
function cpuByRole(ms: Record<string, number> | undefined): string {
  if (!ms) return '';
  const workers = Object.entries(ms).filter(([k]) => k.startsWith('worker')).reduce((s, [, v]) => s + v, 0);
  return [`workers ${workers}`, ...['temporal', 'temporal-db', 'api', 'postgres'].filter((k) => ms[k] !== undefined).map((k) => `${k} ${ms[k]}`)].join(', ');
}

/** Intake and decisions with each count of worker processes, one column per count. */
export function renderByWorkers(rounds: readonly WorkersRound[]): string {
  const row = (figure: string, cell: (r: WorkersRound) => string) => [figure, ...rounds.map(cell)];
  const rows = [
    row('1. Intake over HTTP (matters/s)', (r) => (r.intake ? fmt(r.intake.http.perSecond) : '')),
    row('1. Intake latency p50 / p99 (ms)', (r) => (r.intake ? `${fmt(r.intake.http.latencyMs.p50)} / ${fmt(r.intake.http.latencyMs.p99)}` : '')),
    row('1. Intake ÷ empty workflow', (r) => (r.intake ? fmt(r.intake.ratio) : '')),
    row('1. CPU per matter (ms)', (r) => cpuByRole(r.intake?.http.cpuMsPerMatter)),
    row('2. Decisions (per second)', (r) => (r.decisions ? `${fmt(r.decisions.perSecond)} (${r.decisions.decided} decided)` : '')),
    row('2. Decision latency p50 / p95 / p99 (ms)', (r) => (r.decisions ? `${fmt(r.decisions.latencyMs.p50)} / ${fmt(r.decisions.latencyMs.p95)} / ${fmt(r.decisions.latencyMs.p99)}` : '')),
    row('2. CPU per decision (ms)', (r) => cpuByRole(r.decisions?.cpuMsPerDecision)),
    row('Failed (intake / decisions)', (r) => `${r.intake?.http.failed ?? '–'} / ${r.decisions?.failed ?? '–'}`),
    row('Load average at the end', (r) => fmt(r.decisions?.loadAverage ?? r.intake?.http.loadAverage)),
  ];
  return markdownTable(['Figure', ...rounds.map((r) => `${r.workers} worker${r.workers === 1 ? '' : 's'}`)], rows);
}
