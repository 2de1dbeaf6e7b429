import { describe, expect, it } from 'vitest';
import { isUuid } from './is-uuid.js';
import { newCaseId } from './new-case-id.js';

/** The 48-bit Unix time in ms at the front of a version 7 UUID. */
const msOf = (id: string) => parseInt(id.replaceAll('-', '').slice(0, 12), 16);

describe('newCaseId', () => {
  it('makes canonical version 7 UUIDs (variant 10) that carry the time they were made', () => {
    const before = Date.now();
    const id = newCaseId();
    const after = Date.now();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(msOf(id)).toBeGreaterThanOrEqual(before);
    expect(msOf(id)).toBeLessThanOrEqual(after);
  });

  it('sorts every id after the one before, within a millisecond and when the clock goes back', () => {
    const ids: string[] = [];
    const start = Date.now() + 60_000;
    // Many in one millisecond (the counter), then a later one, then the clock 5 s back.
    for (let i = 0; i < 5000; i++) ids.push(newCaseId(start));
    ids.push(newCaseId(start + 1));
    for (let i = 0; i < 100; i++) ids.push(newCaseId(start - 5000));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(msOf(ids[0]!)).toBe(start);
    expect(msOf(ids.at(-1)!)).toBe(start + 1);
  });

  it('keeps the last 32 bits random: ids of one millisecond do not differ by their counter alone', () => {
    const at = Date.now() + 120_000;
    const tails = new Set(Array.from({ length: 1000 }, () => newCaseId(at).slice(-8)));
    // 1,000 draws of 32 random bits: a repeat has a chance of about 1 in 8,600.
    expect(tails.size).toBeGreaterThan(995);
  });
});
