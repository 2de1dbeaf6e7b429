import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { minimalChange, toDiagnostics } from './yaml-sync.js';

describe('yaml-sync', () => {
  it('replaces only the span that differs', () => {
    expect(minimalChange('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 22\nc: 3\n')).toEqual({
      from: 9,
      to: 9,
      insert: '2',
    });
    expect(minimalChange('same', 'same')).toEqual({ from: 4, to: 4, insert: '' });
    expect(minimalChange('abc', '')).toEqual({ from: 0, to: 3, insert: '' });
  });

  it('marks the token at a finding’s line and column', () => {
    const doc = Text.of(['states:', '  a:', '    on: { go: rejectd }']);
    const [d] = toDiagnostics(doc, [
      {
        code: 'unknown-target',
        severity: 'error',
        message: 'no such state',
        pointer: '/states/a/on/go',
        line: 3,
        col: 15,
      },
    ]);
    expect(doc.sliceString(d!.from, d!.to)).toBe('rejectd');
    expect(d).toMatchObject({ severity: 'error', message: 'no such state [unknown-target]' });
  });
});
