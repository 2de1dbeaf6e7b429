import { describe, expect, it } from 'vitest';
import { validateTemplate } from '@relief/engine';
import { issuesByElement } from '../model/issue-map.js';
import { layoutGraph } from '../model/layout-graph.js';
import { toGraph } from '../model/template-graph.js';
import { readShipped } from '../test-support/shipped-templates.js';
import { edgeLabelText, scheduledEvents, toFlowElements } from './flow-elements.js';

describe('toFlowElements', () => {
  const source = readShipped('love-meals').replace(
    '        - target: rejected',
    '        - target: rejectd',
  );
  const { parsed, issues } = validateTemplate(source);
  const template = parsed.value as never;
  const graph = toGraph(template);
  const input = {
    graph,
    boxes: layoutGraph(graph, (id) => id),
    template,
    markers: issuesByElement(issues, graph),
    lang: 'en' as const,
    selection: { kind: 'edge' as const, id: 'on:applied:review:0' },
    active: new Set(['enrolled', 'enrolled.prepared']),
    path: ['on:applied:review:0'],
    diff: undefined,
    direction: 'LR' as const,
    routes: new Map(),
  };

  it('gives groups, children with parents, labels in the chosen language and markers', () => {
    const { nodes } = toFlowElements(input);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('enrolled')).toMatchObject({ type: 'compound' });
    expect(byId.get('enrolled.prepared')).toMatchObject({
      type: 'state',
      parentId: 'enrolled',
      data: { title: 'Prepared by the canteen', active: true },
    });
    expect(byId.get('applied')!.data.issues.map((i) => i.code)).toEqual(['unknown-target']);
    expect(byId.get('applied')!.data.internal).toEqual([
      { id: 'on:applied:assess:0', text: '↻ Record assessment' },
      { id: 'on:applied:review:1', text: '↻ Committee review' },
    ]);
    expect(byId.get('enrolled.atGate')!.data.internal).toEqual([
      { id: 'after:enrolled.atGate:0', text: '↻ ◷ 30 minutes' },
    ]);
  });

  it('draws only edges with a target, with event titles, timers, the path and the selection', () => {
    const { edges } = toFlowElements(input);
    expect(edges.find((e) => e.id === 'on:applied:review:1')).toBeUndefined();
    expect(edges.find((e) => e.id === 'on:applied:review:0')).toMatchObject({
      selected: true,
      data: { label: 'Committee review', onPath: 1 },
    });
    expect(edges.find((e) => e.id === 'after:enrolled.delivered:0')).toMatchObject({
      data: { label: '1 day', timer: true },
    });
    const lanes = edges
      .filter(
        (e) =>
          [e.source, e.target].sort().join() ===
          ['enrolled.failed', 'enrolled.prepared'].sort().join(),
      )
      .map((e) => e.data!.lane);
    expect(lanes).toEqual([0, 1]);
  });

  it('marks each transition by who moves it, in text: ◷ a timer, ⚙ the schedule, roles by title', () => {
    const { edges } = toFlowElements({ ...input, lang: 'zh' });
    const timer = edges.find((e) => e.id === 'after:enrolled.delivered:0')!.data!;
    expect(edgeLabelText(timer)).toBe('◷ 1天');
    expect(timer.sentBy).toContain('计时器');
    const review = edges.find((e) => e.id === 'on:applied:review:0')!.data!;
    expect(edgeLabelText(review)).toBe('居委会审核 [openEnrollment || (age >= m…]');
    expect(review.sentBy).toBe('由居委会发送');
    // An event the template's own schedule sends is automatic.
    const base = parsed.value as { states: Record<string, object> };
    const withSchedule = {
      ...base,
      states: {
        ...base.states,
        applied: {
          ...base.states.applied,
          entry: [{ schedule: { event: 'review', delay: 'P7D' } }],
        },
      },
    } as never;
    expect([...scheduledEvents(withSchedule)]).toEqual(['review']);
    const auto = toFlowElements({ ...input, template: withSchedule, lang: 'zh' }).edges.find(
      (e) => e.id === 'on:applied:review:0',
    )!.data!;
    expect(edgeLabelText(auto)).toMatch(/^⚙ 居委会审核/);
    expect(auto.sentBy).toContain('自动');
  });
});
