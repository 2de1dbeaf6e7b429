import { describe, expect, it } from 'vitest';
import { validateTemplate } from '@relief/engine';
import { editSource } from './editable-document.js';
import { diffGraphs } from './graph-diff.js';
import { addState, deleteState } from './state-operations.js';
import { addTransition } from './transition-operations.js';
import { setLabel } from './field-operations.js';
import { toGraph } from './template-graph.js';
import { readShipped } from '../test-support/shipped-templates.js';

describe('diffGraphs', () => {
  it('marks added, removed and changed states and transitions', () => {
    const v1 = readShipped('love-meals');
    const v2 = editSource(v1, (doc) => {
      addState(doc, { key: 'waitlisted' });
      addTransition(doc, 'applied', 'waitlist', 'waitlisted');
      deleteState(doc, 'suspended');
      setLabel(doc, ['states', 'rejected', 'title'], 'zh', '不符合');
    });
    const diff = diffGraphs(
      toGraph(validateTemplate(v1).template),
      toGraph(validateTemplate(v2).template),
    );
    expect(diff.status.get('waitlisted')).toBe('added');
    expect(diff.status.get('on:applied:waitlist:0')).toBe('added');
    expect(diff.status.get('suspended')).toBe('removed');
    expect(diff.status.get('on:enrolled:suspend:0')).toBe('removed');
    expect(diff.status.get('rejected')).toBe('changed');
    expect(diff.status.get('applied')).toBe('same');
    expect(diff.graph.nodes.some((n) => n.id === 'suspended')).toBe(true);
    expect(diff.counts).toMatchObject({ added: 2, changed: 1 });
  });
});
