/**
 * Structured logs: one JSON object per line on stdout. Callers pass only ids, codes, counts and
 * timings, never names, ID numbers, phone numbers, addresses or request bodies.
 */

/** Fields of a log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A JSON-lines logger. */
export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** A logger writing to `write` (default stdout); `silent` drops everything (tests). */
export function createLogger(
  options: { silent?: boolean; write?: (line: string) => void } = {},
): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const emit = (level: string, msg: string, fields: LogFields = {}) => {
    if (!options.silent)
      write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}
