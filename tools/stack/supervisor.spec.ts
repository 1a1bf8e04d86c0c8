import { BackOff, Exit, Started, Supervisor, backOffDelay } from './supervisor';

/** A stand-in for a server's process: it "crashes" when told to. */
function fakeServer() {
  const runs: { crash(exit?: Exit): void; stopped: boolean }[] = [];
  let failNext = 0;
  const start = async (): Promise<Started> => {
    if (failNext > 0) {
      failNext--;
      throw new Error('port still in use');
    }
    let end!: (e: Exit) => void;
    const exited = new Promise<Exit>((r) => (end = r));
    const run = { stopped: false, crash: (exit: Exit = { code: null, signal: 'SIGKILL' }) => end(exit) };
    runs.push(run);
    return {
      pid: 1000 + runs.length,
      exited,
      stop: async () => {
        run.stopped = true;
        end({ code: 0, signal: null });
      },
    };
  };
  return { start, runs, failStarts: (n: number) => (failNext = n) };
}

const fast: BackOff = { initialMs: 10, maxMs: 80, stableMs: 1_000 };

describe('the supervisor', () => {
  it('waits 0.5 s before the first restart, doubling to 30 s, by default', () => {
    expect([0, 1, 2, 3, 6, 7, 50].map((n) => backOffDelay(n))).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000, 30_000]);
  });

  it('starts a crashed server again, logging the crash and the restart as JSON-ready fields', async () => {
    const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
    const supervisor = new Supervisor((level, message, fields) => lines.push({ level, message, fields }), fast);
    const server = fakeServer();
    const temporal = await supervisor.supervise('temporal', server.start);
    expect(temporal.pid).toBe(1001);
    const restarted = temporal.nextStart();
    server.runs[0].crash();
    await restarted;
    expect(temporal.pid).toBe(1002);
    expect(temporal.restarts).toBe(1);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['info', 'temporal started'],
      ['error', 'temporal stopped unexpectedly'],
      ['warn', 'restarting temporal'],
      ['info', 'temporal restarted'],
    ]);
    expect(lines[1].fields).toMatchObject({ server: 'temporal', pid: 1001, signal: 'SIGKILL' });
    expect(lines[2].fields).toMatchObject({ inMs: 10, attempt: 1 });
    await supervisor.stop();
  });

  it('doubles the wait while the server keeps failing, and keeps trying', async () => {
    const waits: unknown[] = [];
    const supervisor = new Supervisor((_l, message, fields) => message.startsWith('restarting') && waits.push(fields.inMs), fast);
    const server = fakeServer();
    const worker = await supervisor.supervise('worker', server.start);
    server.failStarts(3);
    const restarted = worker.nextStart();
    server.runs[0].crash();
    await restarted;
    const again = worker.nextStart();
    server.runs[1].crash();
    await again;
    expect(waits).toEqual([10, 20, 40, 80, 80]);
    await supervisor.stop();
  });

  it('goes back to the shortest wait once the server has stayed up for the stable period', async () => {
    const waits: unknown[] = [];
    const supervisor = new Supervisor((_l, message, fields) => message.startsWith('restarting') && waits.push(fields.inMs), { ...fast, stableMs: 50 });
    const server = fakeServer();
    const api = await supervisor.supervise('api', server.start);
    for (const run of [0, 1]) {
      const restarted = api.nextStart();
      server.runs[run].crash();
      await restarted;
    }
    await new Promise((r) => setTimeout(r, 60));
    const restarted = api.nextStart();
    server.runs[2].crash();
    await restarted;
    expect(waits).toEqual([10, 20, 10]);
    await supervisor.stop();
  });

  it('stops the servers in the reverse of the order they started, and restarts nothing while stopping', async () => {
    const order: string[] = [];
    const lines: string[] = [];
    const supervisor = new Supervisor((_l, message) => !message.endsWith(' started') && lines.push(message), fast);
    const servers = ['postgres', 'temporal', 'worker', 'api'].map((name) => ({ name, fake: fakeServer() }));
    for (const { name, fake } of servers) {
      await supervisor.supervise(name, async () => {
        const started = await fake.start();
        return { ...started, stop: async () => (order.push(name), started.stop()) };
      });
    }
    // A crash during the stop (the worker losing Temporal, say) is not restarted.
    const temporalRun = servers[1].fake.runs[0];
    const stopping = supervisor.stop();
    temporalRun.crash();
    await stopping;
    expect(order).toEqual(['api', 'worker', 'temporal', 'postgres']);
    expect(lines).toEqual([]);
  });

  it('retires a second worker for good: stopped, not restarted, no longer listed, the others untouched', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor((_l, message) => lines.push(message), fast);
    const [one, two] = [fakeServer(), fakeServer()];
    await supervisor.supervise('worker', one.start);
    await supervisor.supervise('worker-2', two.start);
    await supervisor.retire('worker-2');
    expect(two.runs[0].stopped).toBe(true);
    expect(supervisor.list().map((s) => s.name)).toEqual(['worker']);
    await new Promise((r) => setTimeout(r, 50));
    expect(two.runs).toHaveLength(1);
    expect(one.runs[0].stopped).toBe(false);
    expect(lines).toEqual(['worker started', 'worker-2 started']);
    await supervisor.retire('no-such-server');
    await supervisor.stop();
    expect(one.runs[0].stopped).toBe(true);
  });

  it('cancels a pending restart when the stack stops', async () => {
    const supervisor = new Supervisor(() => undefined, { initialMs: 60_000, maxMs: 60_000, stableMs: 60_000 });
    const server = fakeServer();
    await supervisor.supervise('temporal', server.start);
    server.runs[0].crash();
    await new Promise((r) => setImmediate(r));
    const started = Date.now();
    await supervisor.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.runs).toHaveLength(1);
  });
});
