/**
 * Structured logs: one JSON object per line on stdout. Callers pass only ids, codes, counts and
 * timings, never names, ID numbers, phone numbers, addresses or request bodies.
 *
 * Writing to a pipe or a file is a blocking system call in Node, one per line: on the event path
 * that cost more than the rest of the request logging. So `info` lines (one per request) are
 * gathered and written together at most `flushMs` later, or as soon as 64 kB are waiting; `warn`
 * and `error` lines are never held back (they write what is waiting first, keeping the order),
 * and whatever is waiting is written when the process exits. A process killed outright (SIGKILL)
 * loses at most the last `flushMs` of info lines.
 */
import { writeSync } from 'node:fs';

/** Fields of a log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A JSON-lines logger. */
export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** How to log. */
export interface LoggerOptions {
  /** Drop everything (tests). */
  silent?: boolean | undefined;
  /** Where lines go (default stdout); given a writer, every line is written at once. */
  write?: ((line: string) => void) | undefined;
  /** Longest an info line waits (default 50 ms; 0 writes every line at once). */
  flushMs?: number | undefined;
  /** Where gathered lines go, several at a time (default stdout). */
  flushTo?: ((text: string) => void) | undefined;
}

const FLUSH_BYTES = 64 * 1024;

/** What every batching logger of the process still holds, written synchronously at exit. */
const heldAtExit = new Set<() => string>();
let exitHook = false;
function writeAtExit(held: () => string): void {
  heldAtExit.add(held);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    // Past this point only synchronous writes happen.
    for (const take of heldAtExit) {
      const text = take();
      if (text !== '') writeSync(1, text);
    }
  });
}

/** A logger writing to `write`, or to stdout with info lines batched. */
export function createLogger(options: LoggerOptions = {}): Logger {
  if (options.silent)
    return { info: () => undefined, warn: () => undefined, error: () => undefined };
  const line = (level: string, msg: string, fields: LogFields = {}) =>
    JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  const write = options.write;
  const flushMs = options.flushMs ?? 50;
  if (write || flushMs <= 0) {
    const out = write ?? ((text: string) => process.stdout.write(text + '\n'));
    return {
      info: (msg, fields) => out(line('info', msg, fields)),
      warn: (msg, fields) => out(line('warn', msg, fields)),
      error: (msg, fields) => out(line('error', msg, fields)),
    };
  }
  const sink = options.flushTo ?? ((text: string) => process.stdout.write(text));
  let waiting = '';
  let timer: NodeJS.Timeout | undefined;
  const take = () => {
    const text = waiting;
    waiting = '';
    return text;
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (waiting !== '') sink(take());
  };
  if (!options.flushTo) writeAtExit(take);
  const now = (text: string) => sink(take() + text + '\n');
  return {
    info(msg, fields) {
      waiting += line('info', msg, fields) + '\n';
      if (waiting.length >= FLUSH_BYTES) flush();
      else if (!timer) {
        timer = setTimeout(flush, flushMs);
        timer.unref();
      }
    },
    warn: (msg, fields) => now(line('warn', msg, fields)),
    error: (msg, fields) => now(line('error', msg, fields)),
  };
}
