import { describe, expect, it } from 'vitest';
import { describeIssue, issueCatalog } from './issue-catalog.js';
import type { IssueCode } from './issue-catalog.js';

describe('issueCatalog', () => {
  it('phrases every code as one sentence that ends with a full stop, with or without arguments', () => {
    for (const code of Object.keys(issueCatalog) as IssueCode[]) {
      const bare = describeIssue(code);
      expect(['error', 'warning']).toContain(bare.severity);
      expect(bare.message, code).toMatch(/\.$/);
      const full = describeIssue(code, {
        name: 'n',
        expected: 'e',
        found: 'f',
        known: ['a', 'b'],
        detail: 'd',
        limit: 3,
      });
      expect(full.message, code).not.toMatch(/undefined/);
    }
  });

  it('names what is declared, or says that nothing is', () => {
    expect(describeIssue('undeclared-role', { name: 'x', known: [] }).message).toBe(
      "role 'x' is not declared; add it under 'roles:' (declared: (none declared)).",
    );
    expect(describeIssue('undeclared-event', { name: 'go', known: ['a', 'b'] }).message).toBe(
      "event 'go' is not declared; add it under 'events:' (declared: a, b).",
    );
  });
});
