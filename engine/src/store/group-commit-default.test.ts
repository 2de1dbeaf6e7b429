import { describe, expect, it } from 'vitest';
import { groupCommitByDefault } from './create-relief-store.js';

describe('groupCommitByDefault', () => {
  it('is on for PostgreSQL and off for PGlite unless RELIEF_GROUP_COMMIT says', () => {
    expect(groupCommitByDefault('postgres', undefined)).toBe(true);
    expect(groupCommitByDefault('pglite', undefined)).toBe(false);
    expect(groupCommitByDefault('pglite', 'on')).toBe(true);
    expect(groupCommitByDefault('postgres', 'off')).toBe(false);
  });
});
