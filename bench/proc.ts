/** Memory and CPU of processes, from /proc (Linux). */
import * as fs from 'fs';

export function rssBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The pid and every descendant's pid (a wrapper script may run the real server as its child). */
export function withDescendants(pid: number): number[] {
  const out = [pid];
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const c of children ? children.split(/\s+/) : []) out.push(...withDescendants(Number(c)));
  } catch {
    /* gone */
  }
  return out;
}

/** CPU seconds (user + system) used so far by the process and its descendants. */
export function cpuSeconds(pid: number): number {
  // This process's children are the stack's own processes, measured on their own.
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
  let ticks = 0;
  for (const p of withDescendants(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* gone */
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

export function totalRss(pid: number): number | null {
  let sum = 0;
  let any = false;
  for (const p of withDescendants(pid)) {
    const r = rssBytes(p);
    if (r !== null) {
      sum += r;
      any = true;
    }
  }
  return any ? sum : null;
}

/** Measures each named process's CPU use between start() and stop(), as a share of one core. */
export class CpuMeter {
  private readonly start0: Map<string, number>;
  private readonly t0 = performance.now();
  constructor(private readonly pids: Record<string, number>) {
    this.start0 = new Map(Object.entries(pids).map(([n, p]) => [n, cpuSeconds(p)]));
  }
  /** Cores used by each process over the interval (1.0 = one core fully busy). */
  stop(): Record<string, number> {
    const secs = (performance.now() - this.t0) / 1000;
    return Object.fromEntries(Object.entries(this.pids).map(([n, p]) => [n, Number(((cpuSeconds(p) - this.start0.get(n)!) / secs).toFixed(2))]));
  }
}
