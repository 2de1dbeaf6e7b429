import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from '@relief/engine';
import type { Template } from '@relief/engine';
import { selectionLine } from './selection-line.js';
import { toGraph } from './template-graph.js';

const source = readFileSync(new URL('../../../templates/love-meals.yaml', import.meta.url), 'utf8');
const lines = source.split('\n');

describe('the YAML line of the selection', () => {
  const { parsed } = validateTemplate(source);
  const graph = toGraph(parsed.value as Template);
  const at = (line: number | undefined) => lines[(line ?? 0) - 1]?.trim();

  it('finds a nested state, an event and a transition by their keys', () => {
    expect(at(selectionLine({ kind: 'state', id: 'enrolled.prepared' }, graph, parsed))).toBe(
      'prepared:',
    );
    const line = selectionLine({ kind: 'event', id: 'assess' }, graph, parsed)!;
    expect(at(line)).toMatch(/^assess:/);
    expect(
      lines
        .slice(0, line)
        .reverse()
        .find((l) => /^\S/.test(l)),
    ).toBe('events:');
    const review = selectionLine({ kind: 'edge', id: 'on:applied:review:0' }, graph, parsed)!;
    expect(review).toBeGreaterThan(selectionLine({ kind: 'state', id: 'applied' }, graph, parsed)!);
    expect(lines[review - 1]).toMatch(/target: enrolled/);
    expect(selectionLine({ kind: 'template' }, graph, parsed)).toBeUndefined();
  });
});
