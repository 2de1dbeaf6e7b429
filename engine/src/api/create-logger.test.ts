import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

const messages = (chunks: string[]) =>
  chunks.map((chunk) =>
    chunk
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg),
  );

describe('createLogger', () => {
  it('gathers info lines and writes them together, in order, within flushMs', async () => {
    const chunks: string[] = [];
    const log = createLogger({ flushMs: 30, flushTo: (text) => chunks.push(text) });
    log.info('a');
    log.info('b', { status: 200 });
    log.info('c');
    expect(chunks).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(messages(chunks)).toEqual([['a', 'b', 'c']]);
  });

  it('never holds back a warning or an error: they go at once, after what was waiting', () => {
    const chunks: string[] = [];
    const log = createLogger({ flushMs: 10_000, flushTo: (text) => chunks.push(text) });
    log.info('request 1');
    log.error('request failed', { route: '/x' });
    expect(messages(chunks)).toEqual([['request 1', 'request failed']]);
    log.warn('careful');
    expect(messages(chunks)).toEqual([['request 1', 'request failed'], ['careful']]);
  });

  it('writes every line at once with flushMs 0', () => {
    const chunks: string[] = [];
    const log = createLogger({ flushMs: 0, write: (line) => chunks.push(line + '\n') });
    log.info('a');
    expect(messages(chunks)).toEqual([['a']]);
  });
});
