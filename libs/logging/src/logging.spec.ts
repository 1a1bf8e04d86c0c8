import { JsonLogger, KNOWN_HARMLESS_WARNINGS, knownHarmlessWarning, logLine } from './index';

describe('JSON log lines', () => {
  let lines: string[];
  let streams: string[];
  let spies: jest.SpyInstance[];
  beforeEach(() => {
    lines = [];
    streams = [];
    spies = (['stdout', 'stderr'] as const).map((name) =>
      jest.spyOn(process[name], 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        streams.push(name);
        return true;
      }),
    );
  });
  afterEach(() => spies.forEach((s) => s.mockRestore()));

  it('writes one parseable line with time, level, service, message and the fields given', () => {
    logLine('worker', 'warn', 'activity retried', { attempt: 3n, workflowId: 'matter-X' });
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'warn', service: 'worker', message: 'activity retried', attempt: '3', workflowId: 'matter-X' });
    expect(Date.parse(entry.time)).not.toBeNaN();
  });

  it("maps Nest's levels and keeps its context and an error's stack", () => {
    const logger = new JsonLogger('worker', 'trace');
    logger.log('started', 'OutboxDispatcher');
    logger.error('delivery failed', 'Error: boom\n    at x', 'OutboxDispatcher');
    logger.verbose({ claimed: 2 });
    const [info, error, trace] = lines.map((l) => JSON.parse(l));
    expect(info).toMatchObject({ level: 'info', message: 'started', context: 'OutboxDispatcher' });
    expect(error).toMatchObject({ level: 'error', message: 'delivery failed', context: 'OutboxDispatcher', stack: 'Error: boom\n    at x' });
    expect(trace).toMatchObject({ level: 'trace', message: '{"claimed":2}' });
    // Errors go to stderr, where a supervisor looks for why a service stopped.
    expect(streams).toEqual(['stdout', 'stderr', 'stdout']);
  });

  it('writes nothing below the level asked for', () => {
    const logger = new JsonLogger('api', 'warn');
    logger.log('routine');
    logger.debug('detail');
    logger.warn('odd');
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['odd']);
  });
});

describe('known-harmless warnings', () => {
  it('recognise the Rust core warning the time-skipping test server causes, and nothing near it', () => {
    const core =
      'Temporal Server 1.16.0 or newer is required to guarantee that the latest heartbeat details are preserved when an activity fails; the server did not advertise the activity_failure_include_heartbeat capability, so heartbeat details may be lost on failure';
    expect(knownHarmlessWarning(core)?.why).toMatch(/no activity here heartbeats/);
    expect(knownHarmlessWarning('Activity failed; heartbeat timeout')).toBeUndefined();
    expect(knownHarmlessWarning('Temporal Server 1.16.0 or newer is required')).toBeUndefined();
  });

  it('each says where it is filtered and why', () => {
    for (const w of KNOWN_HARMLESS_WARNINGS) expect([w.where.length > 20, w.why.length > 20]).toEqual([true, true]);
  });
});
