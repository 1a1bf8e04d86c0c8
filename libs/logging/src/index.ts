import type { LoggerService } from '@nestjs/common';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK = Object.fromEntries(LOG_LEVELS.map((l, i) => [l, i])) as Record<LogLevel, number>;

/**
 * One JSON object per line on stdout, the same shape for every service (`time`, `level`, `service`,
 * `message`, then fields), so a log shipper needs no parser per service. Callers pass ids and rule
 * names, never a person's details: nothing here can tell a name from an id.
 */
export function logLine(service: string, level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  // Warnings and errors on stderr, where a supervisor (and tools/stack) looks for why a service stopped.
  (RANK[level] >= RANK.warn ? process.stderr : process.stdout).write(JSON.stringify({ time: new Date().toISOString(), level, service, message, ...fields }, safe) + '\n');
}

/** Errors keep their name and message (not their stack's locals); bigints become strings. */
function safe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, ...(value.stack ? { stack: value.stack } : {}) };
  return value;
}

/** Nest's logger, as JSON lines; below `least` (the service passes LOG_LEVEL; info by default) nothing is written. */
export class JsonLogger implements LoggerService {
  private readonly least: LogLevel;

  constructor(
    private readonly service: string,
    least?: string,
  ) {
    this.least = least && least in RANK ? (least as LogLevel) : 'info';
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  private write(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (RANK[level] < RANK[this.least]) return;
    // Nest passes the context (a class name) last, and for errors a stack before it.
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = strings.length ? strings[strings.length - 1] : undefined;
    const stack = level === 'error' && strings.length > 1 ? strings[0] : undefined;
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message, safe);
    logLine(this.service, level, text, { ...(context ? { context } : {}), ...(stack ? { stack } : {}), ...(message instanceof Error ? { error: message } : {}) });
  }
}

/** A warning known to be harmless where it appears: filtered there, never by muting a logger. */
export interface KnownHarmlessWarning {
  pattern: RegExp;
  /** Where it appears and is filtered. */
  where: string;
  why: string;
}

/**
 * Every warning filtered anywhere, in one place, each with where and why. A filter drops only the
 * lines that match; everything else at the same level still shows.
 */
export const KNOWN_HARMLESS_WARNINGS: readonly KnownHarmlessWarning[] = [
  {
    pattern: /did not advertise the activity_failure_include_heartbeat capability/,
    where:
      "the Temporal SDK's Rust core, once per worker started against the Java SDK's time-skipping test server (the workflow tests' and the simulation benchmark's Runtime logger, test/support/workflow-harness.ts)",
    why:
      'That server does not advertise the capability (the dev server and Temporal Server 1.16+ do), so the latest heartbeat details of a failed activity may be lost; no activity here heartbeats or reads heartbeat details. Not filtered in the worker (apps/worker/src/logging.ts): against a real, old server it would be news.',
  },
];

/** The known-harmless warning this message is, if any. */
export function knownHarmlessWarning(message: string): KnownHarmlessWarning | undefined {
  return KNOWN_HARMLESS_WARNINGS.find((w) => w.pattern.test(message));
}
