/**
 * Legibility of the shipped templates: label–label and label–state overlaps counted on the
 * computed layout, in both directions. The bar is zero on the ten shipped templates with the
 * layered layout (ELK, labels sized and placed by the layout, edges routed). The per-level dagre
 * layout it replaced (labels at the curve midpoint) is measured alongside and printed, so the change
 * stays visible (see editor/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { labelText, validateTemplate } from '@relief/engine';
import type { Template } from '@relief/engine';
import { layeredLayout, layoutGraph, toGraph } from '../model/index.js';
import type { ElkRun, LayoutDirection, NodeBox } from '../model/index.js';
import { generateTemplate } from '../../e2e/generate-template.js';
import { edgeLabelText } from './flow-elements.js';
import { layoutLabels } from './layout-labels.js';
import { countGroupCrossings, countLabelOverlaps, midpointLabels } from './label-overlaps.js';

const dir = new URL('../../../templates/', import.meta.url);
const shipped = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f.replace('.yaml', ''), readFileSync(new URL(f, dir), 'utf8')] as const);
const elk = new ELK();
const run: ElkRun = (graph) => elk.layout(graph as never) as never;

async function measure(source: string, direction: LayoutDirection, lang: 'zh' | 'en') {
  const template = validateTemplate(source).parsed.value as Template;
  const graph = toGraph(template);
  const titles = new Map(graph.nodes.map((n) => [n.id, labelText(n.title, lang) ?? n.key]));
  const nodeLabel = (id: string) => titles.get(id) ?? id;
  const texts = (boxes: Map<string, NodeBox>) => {
    const { edges } = layoutLabels({ graph, boxes, template, lang, direction });
    return (id: string) => {
      const data = edges.get(id);
      return data ? edgeLabelText(data) : '';
    };
  };
  const dagreBoxes = layoutGraph(graph, nodeLabel, new Map(), direction);
  const before = countLabelOverlaps(
    graph,
    dagreBoxes,
    midpointLabels(graph, dagreBoxes, texts(dagreBoxes), direction),
  );
  const laid = await layeredLayout(
    { graph, nodeLabel, edgeLabel: texts(dagreBoxes), direction },
    run,
  );
  const labels = [...laid.routes.values()].flatMap((r) => (r.label ? [r.label] : []));
  const after = countLabelOverlaps(graph, laid.boxes, labels);
  const routed = graph.edges.filter((e) => e.target !== undefined).length;
  const crossings = countGroupCrossings(graph, laid.boxes, laid.routes);
  return {
    before,
    after,
    routed: laid.routes.size,
    edges: routed,
    crossings,
    labelled: labels.length,
  };
}

const fmt = (c: { labelLabel: number; labelNode: number }) => `${c.labelLabel}/${c.labelNode}`;

describe('edge label overlaps on the computed layout', () => {
  it('has no label–label or label–state overlap on the ten shipped templates and a generated 100-state one (zh and en, both directions)', async () => {
    const rows: string[] = [];
    let before = 0;
    let after = 0;
    const worse: string[] = [];
    for (const [name, source] of [...shipped, ['generated-100', generateTemplate(100)] as const]) {
      const cells: string[] = [];
      for (const lang of ['zh', 'en'] as const)
        for (const direction of ['TB', 'LR'] as const) {
          const m = await measure(source, direction, lang);
          cells.push(`${lang} ${direction} ${fmt(m.before)} → ${fmt(m.after)}`);
          // Every edge between two states is routed and labelled by the layout.
          expect(m.routed).toBe(m.edges);
          expect(m.labelled).toBe(m.edges);
          // No edge runs through a group it neither leaves nor enters.
          expect({ name, crossings: m.crossings }).toEqual({ name, crossings: 0 });
          if (lang === 'zh' && direction === 'TB' && name !== 'generated-100') {
            before += m.before.labelLabel + m.before.labelNode;
            after += m.after.labelLabel + m.after.labelNode;
          }
          if (m.after.labelLabel + m.after.labelNode > 0)
            worse.push(`${name} ${lang} ${direction}`);
        }
      rows.push(`${name.padEnd(20)} ${cells.join('  ')}`);
    }
    console.log(
      `label–label/label–state overlaps, per-level dagre → layered (ELK)\n${rows.join('\n')}\nshipped zh TB total ${before} → ${after}`,
    );
    expect(shipped).toHaveLength(10);
    expect(worse).toEqual([]);
  }, 120_000);
});
