/**
 * Legibility of the shipped templates as laid out today: label–label and label–state overlaps,
 * counted on the computed layout (both directions). The issue's target is zero; the ceilings below
 * are today's counts with the dagre per-level layout, so the test fails when a change makes any
 * template worse, and the numbers are printed for the next engineer (see editor/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelText, validateTemplate } from '@relief/engine';
import type { Template } from '@relief/engine';
import { layoutGraph, toGraph } from '../model/index.js';
import type { LayoutDirection } from '../model/index.js';
import { generateTemplate } from '../../e2e/generate-template.js';
import { toFlowElements } from './flow-elements.js';
import { countLabelOverlaps } from './label-overlaps.js';

const dir = new URL('../../../templates/', import.meta.url);
const shipped = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f.replace('.yaml', ''), readFileSync(new URL(f, dir), 'utf8')] as const);

function measure(source: string, direction: LayoutDirection) {
  const template = validateTemplate(source).parsed.value as Template;
  const graph = toGraph(template);
  const titles = new Map(graph.nodes.map((n) => [n.id, labelText(n.title, 'zh') ?? n.key]));
  const boxes = layoutGraph(graph, (id) => titles.get(id) ?? id, new Map(), direction);
  const { edges } = toFlowElements({
    graph,
    boxes,
    template,
    markers: new Map(),
    lang: 'zh',
    selection: { kind: 'template' },
    active: new Set(),
    path: [],
    diff: undefined,
    direction,
  });
  const text = new Map(
    edges.map((e) => [
      e.id,
      `${e.data?.timer ? '◷ ' : ''}${e.data?.label ?? ''}${e.data?.guard ? ` [${e.data.guard}]` : ''}`,
    ]),
  );
  return countLabelOverlaps(graph, boxes, (id) => text.get(id) ?? '', direction);
}

/** Today's counts (TB): the ceiling each template must not exceed. */
const CEILING: Record<string, number> = {
  'farmer-sales': 2,
  'fever-medicine': 1,
  'hardship-workers': 19,
  'love-meals': 11,
  'medical-pass': 8,
  'one-on-one-care': 6,
  'paired-support': 3,
  'pupil-data': 6,
  'volunteer-onboarding': 10,
  'winter-kits': 29,
  'generated-100': 90,
};

describe('edge label overlaps on the computed layout', () => {
  it('counts label–label and label–state overlaps on the ten shipped templates and 100 states', () => {
    const rows: string[] = [];
    let total = 0;
    for (const [name, source] of [...shipped, ['generated-100', generateTemplate(100)] as const]) {
      const tb = measure(source, 'TB');
      const lr = measure(source, 'LR');
      rows.push(
        `${name.padEnd(20)} labels ${String(tb.labels).padStart(3)}  TB ${tb.labelLabel}/${tb.labelNode}  LR ${lr.labelLabel}/${lr.labelNode}`,
      );
      if (name !== 'generated-100') total += tb.labelLabel + tb.labelNode;
      const ceiling = CEILING[name];
      if (ceiling !== undefined) expect(tb.labelLabel + tb.labelNode).toBeLessThanOrEqual(ceiling);
    }
    console.log(`label–label/label–state overlaps\n${rows.join('\n')}\nshipped TB total ${total}`);
    expect(shipped).toHaveLength(10);
  });
});
