import { describe, expect, it } from 'vitest';
import { OPEN_CASES_CHUNK, PGLITE_CHUNK_TARGET_MS, nextPgliteChunk } from './open-cases.js';

describe('nextPgliteChunk', () => {
  it('halves after a slow chunk, doubles after a quick one, within 10 and the PostgreSQL size', () => {
    expect(nextPgliteChunk(50, PGLITE_CHUNK_TARGET_MS * 3)).toBe(25);
    expect(nextPgliteChunk(50, PGLITE_CHUNK_TARGET_MS / 4)).toBe(100);
    expect(nextPgliteChunk(50, PGLITE_CHUNK_TARGET_MS)).toBe(50);
    expect(nextPgliteChunk(12, 10_000)).toBe(10);
    expect(nextPgliteChunk(OPEN_CASES_CHUNK, 1)).toBe(OPEN_CASES_CHUNK);
  });
});
