import { describe, expect, it } from 'vitest';
import { groupCommitByDefault, groupCommitFromEnv } from './create-relief-store.js';

describe('groupCommitByDefault', () => {
  it('is on, on PostgreSQL and PGlite alike, unless RELIEF_GROUP_COMMIT=off', () => {
    expect(groupCommitByDefault(undefined)).toBe(true);
    expect(groupCommitByDefault('on')).toBe(true);
    expect(groupCommitByDefault('off')).toBe(false);
  });
});

describe('groupCommitFromEnv', () => {
  it('takes a whole number of batches in flight from 1 to 16, and nothing else', () => {
    expect(groupCommitFromEnv(undefined)).toEqual({});
    expect(groupCommitFromEnv('')).toEqual({});
    expect(groupCommitFromEnv('4')).toEqual({ maxInFlight: 4 });
    for (const bad of ['0', '17', '2.5', 'two', '-1'])
      expect(() => groupCommitFromEnv(bad)).toThrow(/RELIEF_GROUP_COMMIT_IN_FLIGHT .*'/);
  });
});
