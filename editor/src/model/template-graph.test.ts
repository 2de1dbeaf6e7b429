import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED } from '../test-support/shipped-templates.js';
import { validateTemplate } from '@relief/engine';
import type { Template } from '@relief/engine';
import { fromGraph, toGraph } from './template-graph.js';

const shipped = SHIPPED;
const load = (name: string): Template => {
  const { template, issues } = validateTemplate(
    readFileSync(new URL(`../../../templates/${name}.yaml`, import.meta.url), 'utf8'),
  );
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return template!;
};

describe('toGraph / fromGraph', () => {
  it.each(shipped)('%s: graph → template gives the same states, in the same key order', (name) => {
    const template = load(name);
    const back = fromGraph(toGraph(template));
    expect(back).toEqual(template.states);
    expect(JSON.stringify(back)).toBe(JSON.stringify(template.states));
  });

  it('love-meals: nodes, groups, finals, initial, timers and edges', () => {
    const graph = toGraph(load('love-meals'));
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'applied',
      'enrolled',
      'enrolled.prepared',
      'enrolled.atGate',
      'enrolled.delivered',
      'enrolled.failed',
      'suspended',
      'rejected',
      'ended',
    ]);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get('enrolled')!.kind).toBe('compound');
    expect(byId.get('enrolled.prepared')).toMatchObject({
      parentId: 'enrolled',
      initial: true,
      kind: 'atomic',
    });
    expect(byId.get('rejected')!.kind).toBe('final');
    expect(byId.get('applied')!.initial).toBe(true);
    const review = graph.edges.filter((e) => e.event === 'review');
    expect(review.map((e) => [e.id, e.target, e.pointer])).toEqual([
      ['on:applied:review:0', 'enrolled', '/states/applied/on/review/0'],
      ['on:applied:review:1', 'rejected', '/states/applied/on/review/1'],
    ]);
    expect(review[0]!.guard).toContain('params.openEnrollment');
    const timer = graph.edges.find((e) => e.id === 'after:enrolled.delivered:0')!;
    expect(timer).toMatchObject({ kind: 'timer', delay: 'P1D', target: 'enrolled.prepared' });
    expect(graph.edges.find((e) => e.id === 'on:enrolled.prepared:carryToGate:0')).toMatchObject({
      shape: 'shorthand',
      target: 'enrolled.atGate',
    });
    expect(graph.edges.find((e) => e.id === 'on:applied:assess:0')!.target).toBeUndefined();
  });

  it('marks parallel regions and tolerates half-written states', () => {
    const graph = toGraph({
      initial: 'p',
      states: {
        p: { type: 'parallel', states: { a: {}, b: { on: { go: 'nowhere' } } } },
        bad: 3 as never,
      },
    });
    expect(graph.nodes.map((n) => [n.id, n.kind, n.region])).toEqual([
      ['p', 'parallel', false],
      ['p.a', 'atomic', true],
      ['p.b', 'atomic', true],
    ]);
    expect(graph.edges[0]).toMatchObject({ targetText: 'nowhere', target: undefined });
  });
});
