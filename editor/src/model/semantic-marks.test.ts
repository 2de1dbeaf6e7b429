import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffTemplates, validateTemplate } from '@relief/engine';
import { diffGraphs } from './graph-diff.js';
import { semanticMarks } from './semantic-marks.js';
import { toGraph } from './template-graph.js';

const V1 = readFileSync(new URL('../../../templates/love-meals.yaml', import.meta.url), 'utf8');

function compare(older: string, newer: string) {
  const a = validateTemplate(older).template!;
  const b = validateTemplate(newer).template!;
  const graph = diffGraphs(toGraph(a), toGraph(b));
  const { changes } = diffTemplates({ template: a }, { template: b });
  return { graph, changes, marks: semanticMarks(graph, changes) };
}

describe('semantic marks on the canvas', () => {
  it('marks the edges of an event whose form got stricter, which the graph compare saw as the same', () => {
    const stricter = V1.replace(
      '          type: integer\n          minimum: 0\n          maximum: 6\n          title: { zh: 长护险评估等级',
      '          type: integer\n          minimum: 1\n          maximum: 6\n          title: { zh: 长护险评估等级',
    );
    expect(stricter).not.toBe(V1);
    const { graph, marks, changes } = compare(V1, stricter);
    const edge = 'on:applied:assess:0';
    expect(graph.status.get(edge)).toBe('same');
    expect(marks.status.get(edge)).toBe('changed');
    expect(marks.byElement.get(edge)!.map((c) => [c.kind, c.key, c.fields])).toEqual([
      ['form', 'assess.careLevel', ['minimum']],
    ]);
    expect(marks.elementsOf[changes.findIndex((c) => c.kind === 'form')]).toEqual([edge]);
    expect(marks.counts.changed).toBe(graph.counts.changed + 1);
  });

  it('leaves data-field changes in the list only, with no element', () => {
    const phone = V1.replace(
      'maxLength: 32\n      title: { zh: 联系电话',
      'maxLength: 20\n      title: { zh: 联系电话',
    );
    expect(phone).not.toBe(V1);
    const { marks, changes } = compare(V1, phone);
    const i = changes.findIndex((c) => c.kind === 'data' && c.key === 'phone');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(marks.elementsOf[i]).toEqual([]);
  });
});
