/** Small statistics and formatting helpers for the benchmarks (pure; unit-tested in stats.spec.ts). */

/** The p-th percentile (0–100) by the nearest-rank method: the smallest value with at least p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is not between 0 and 100`);
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 0) return sorted[0];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Summary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (!values.length) return { count: 0, min: NaN, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { count: values.length, min, mean: sum / values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max };
}

/** Completions per second over a window in milliseconds. */
export function rate(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : NaN;
}

/** A rounded number for a table: 3 significant digits below 100, whole numbers above. */
export function fmt(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  const s = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-GB') : Number(v.toPrecision(3)).toString();
  return unit ? `${s} ${unit}` : s;
}

export function fmtBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return 'n/a';
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toPrecision(3))} ${units[i]}`;
}

/** A Markdown table (also readable in a terminal). */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Runs `task` from `concurrency` loops until `until()` says stop; returns how many completed and failed. */
export async function runLoops(concurrency: number, until: () => boolean, task: (loop: number) => Promise<void>): Promise<{ ok: number; failed: number; errors: string[] }> {
  let ok = 0;
  let failed = 0;
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      while (!until()) {
        try {
          await task(loop);
          ok++;
        } catch (err) {
          failed++;
          if (errors.length < 5) errors.push(String((err as Error)?.message ?? err).slice(0, 300));
        }
      }
    }),
  );
  return { ok, failed, errors };
}

/** Parses `--name value` and `--name=value` flags into numbers and strings; `--flag` alone is true. */
export function parseArgs(argv: readonly string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

/** `--workers 1,2`: the worker process counts to measure, in the order given (a count may come back: `1,2,1`). */
export function parseWorkerCounts(text: string | true | undefined): number[] {
  if (text === undefined) return [1];
  const counts = typeof text === 'string' ? text.split(',').map((s) => s.trim()) : [];
  if (counts.length === 0 || !counts.every((c) => /^[1-9]\d*$/.test(c))) throw new Error(`--workers: whole numbers from 1, comma-separated (--workers 1,2), not '${text === true ? '' : text}'`);
  return counts.map(Number);
}
