import { fmt, fmtBytes, markdownTable, parseArgs, parseWorkerCounts, percentile, rate, runLoops, summarize } from './stats';

describe('benchmark statistics', () => {
  it('percentiles by nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100, unsorted
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarizes without changing its input', () => {
    const v = [3, 1, 2];
    expect(summarize(v)).toEqual({ count: 3, min: 1, mean: 2, p50: 2, p95: 3, p99: 3, max: 3 });
    expect(v).toEqual([3, 1, 2]);
    expect(summarize([]).count).toBe(0);
  });

  it('rates and formats', () => {
    expect(rate(300, 60_000)).toBe(5);
    expect(rate(1, 0)).toBeNaN();
    expect(fmt(12.3456, 'ms')).toBe('12.3 ms');
    expect(fmt(1234.5)).toBe('1,235');
    expect(fmt(NaN)).toBe('n/a');
    expect(fmtBytes(1536)).toBe('1.5 KB');
    expect(fmtBytes(3 * 1024 * 1024 * 1024)).toBe('3 GB');
  });

  it('draws a Markdown table', () => {
    expect(markdownTable(['a', 'bb'], [['1', '2']])).toBe('| a | bb |\n|---|----|\n| 1 | 2  |');
  });

  it('parses flags', () => {
    expect(parseArgs(['--matters', '2000', '--seconds=10', '--quick', '--skip', 'history'])).toEqual({ matters: '2000', seconds: '10', quick: true, skip: 'history' });
  });

  it('runs loops until told to stop, counting failures', async () => {
    let n = 0;
    const r = await runLoops(3, () => n >= 10, async () => {
      n++;
      if (n % 5 === 0) throw new Error('boom');
    });
    expect(r.ok + r.failed).toBeGreaterThanOrEqual(10);
    expect(r.failed).toBeGreaterThanOrEqual(1);
    expect(r.errors[0]).toBe('boom');
  });

  it('reads --workers as the worker counts to measure, one worker when not given, and refuses anything but whole numbers from 1', () => {
    expect(parseWorkerCounts(undefined)).toEqual([1]);
    expect(parseWorkerCounts('1,2')).toEqual([1, 2]);
    expect(parseWorkerCounts('2, 1 ,2')).toEqual([2, 1, 2]);
    for (const bad of ['0', '1,,2', 'two', '1.5', true] as const) expect(() => parseWorkerCounts(bad)).toThrow(/^--workers: whole numbers from 1/);
  });
});
