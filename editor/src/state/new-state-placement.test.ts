import { describe, expect, it } from 'vitest';
import { createEditorStore } from './editor-store.js';
import { STARTER_TEMPLATE } from './starter-template.js';
import { addState, addTransition, deleteTransition } from '../model/index.js';
import type { NodeBox } from '../model/index.js';

const overlap = (a: NodeBox, b: NodeBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('new states among kept ones', () => {
  it('land clear of every state already on the canvas, near where the layout wanted them', () => {
    const store = store0();
    const edit = store.getState().edit;
    edit((doc) => deleteTransition(doc, store.getState().graph.edges[0]!));
    for (const [from, key] of [
      ['submitted', 'state'],
      ['state', 'state2'],
      ['state2', 'state3'],
    ] as const)
      edit((doc) => {
        addState(doc, { key, title: { zh: key, en: key } });
        addTransition(doc, from, 'go', key);
      });
    const boxes = [...store.getState().boxes.values()];
    expect(boxes).toHaveLength(5);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    expect(Math.max(...boxes.map((b) => b.y))).toBeLessThan(800);
  });
});

function store0() {
  return createEditorStore(STARTER_TEMPLATE);
}
