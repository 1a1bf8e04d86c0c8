import type { LoggerService } from '@nestjs/common';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

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

/** Nest's logger, as JSON lines; below `least` (LOG_LEVEL, info by default) nothing is written. */
export class JsonLogger implements LoggerService {
  private readonly least: LogLevel;

  constructor(
    private readonly service: string,
    least: string | undefined = process.env.LOG_LEVEL,
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
