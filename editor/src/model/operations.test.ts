import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from '@relief/engine';
import type { Document } from 'yaml';
import { editSource } from './editable-document.js';
import { snapshot } from './document-paths.js';
import {
  addState,
  clearPositions,
  deleteState,
  moveState,
  pasteState,
  renameState,
  setInitial,
  setPosition,
  setStateType,
} from './state-operations.js';
import {
  addTimer,
  addTransition,
  deleteTransition,
  moveTransition,
  setTransitionEvent,
  setTransitionField,
  setTransitionTarget,
} from './transition-operations.js';
import { toGraph } from './template-graph.js';

const loveMeals = readFileSync(
  new URL('../../../templates/love-meals.yaml', import.meta.url),
  'utf8',
);
const comments = (text: string) => text.split('\n').filter((l) => /^\s*#/.test(l) || / # /.test(l));
const edgeOf = (doc: Document, id: string) => snapshot(doc).graph.edges.find((e) => e.id === id)!;
const errors = (source: string) =>
  validateTemplate(source).issues.filter((i) => i.severity === 'error');

/** Apply an edit to love-meals; check comments survive and return the text. */
function edit(fn: (doc: Document) => void): string {
  const out = editSource(loveMeals, fn);
  expect(comments(out)).toEqual(comments(loveMeals));
  return out;
}

describe('state operations', () => {
  it('adds a state with a title and a position, as a short YAML block at the end of its map', () => {
    const out = edit((doc) =>
      addState(doc, {
        key: 'waitlisted',
        title: { zh: '候补', en: 'Waitlisted' },
        position: { x: 10.4, y: 20 },
      }),
    );
    expect(out).toContain(
      '  waitlisted:\n    title: { zh: 候补, en: Waitlisted }\n    x-layout: { x: 10, y: 20 }\n',
    );
    expect(errors(out)).toEqual([]);
  });

  it('adds a child to an atomic state, which becomes a group with an initial child', () => {
    const out = edit((doc) => addState(doc, { parentId: 'suspended', key: 'inHospital' }));
    const graph = toGraph(validateTemplate(out).parsed.value as never);
    expect(graph.nodes.find((n) => n.id === 'suspended.inHospital')).toMatchObject({
      initial: true,
    });
    expect(out).toContain('    initial: inHospital\n    states:\n      inHospital: {}');
  });

  it('refuses a duplicate or malformed key', () => {
    expect(() => edit((doc) => addState(doc, { key: 'applied' }))).toThrow(/state-exists/);
    expect(() => edit((doc) => addState(doc, { key: '9lives' }))).toThrow(/bad-key/);
    const out = edit((doc) =>
      expect(addState(doc, { key: 'applied', uniqueKey: true })).toBe('applied2'),
    );
    expect(out).toContain('  applied2: {}\n');
  });

  it('renames a state: targets, dotted paths and initial follow, nothing else moves', () => {
    const out = edit((doc) => renameState(doc, 'enrolled', 'receiving'));
    expect(out).toContain('        - target: receiving\n');
    expect(out).toContain('      resume: receiving\n');
    expect(out).not.toMatch(/\benrolled:/);
    expect(errors(out)).toEqual([]);
    const changed = out.split('\n').filter((line, i) => line !== loveMeals.split('\n')[i]);
    expect(changed).toHaveLength(3);
  });

  it('renames a child: siblings keep their short targets and the parent initial follows', () => {
    const out = edit((doc) => renameState(doc, 'enrolled.prepared', 'cooked'));
    expect(out).toContain('    initial: cooked\n');
    expect(out).toContain('          prepare: cooked\n');
    expect(out).toContain('            target: cooked\n');
    expect(errors(out)).toEqual([]);
  });

  it('deletes a state and the transitions that led into it', () => {
    const out = edit((doc) => deleteState(doc, 'suspended'));
    expect(out).not.toContain('suspend:\n        target: suspended');
    expect(out).not.toMatch(/^ {2}suspended:/m);
    expect(errors(out)).toEqual([]);
  });

  it('deletes the initial child: the next child becomes initial', () => {
    const out = edit((doc) => deleteState(doc, 'enrolled.prepared'));
    expect(out).toContain('    initial: atGate\n');
    expect(errors(out)).toEqual([]);
  });

  it('moves a state into a group and back out, rewriting targets that must change', () => {
    const inside = edit((doc) => moveState(doc, 'suspended', 'enrolled'));
    expect(inside).toContain('      suspend:\n        target: enrolled.suspended\n');
    expect(inside).toMatch(/\n {6}suspended:\n/);
    const outside = editSource(inside, (doc) => moveState(doc, 'enrolled.suspended', undefined));
    expect(errors(outside)).toEqual([]);
    expect(() => edit((doc) => moveState(doc, 'enrolled', 'enrolled.prepared'))).toThrow(
      /into-itself/,
    );
    expect(() => edit((doc) => moveState(doc, 'applied', 'rejected'))).toThrow(/into-final/);
  });

  it('moves a child out of its group: siblings that targeted it now use the top-level key', () => {
    const out = edit((doc) => moveState(doc, 'enrolled.failed', undefined));
    expect(out).toContain('            target: failed\n');
    expect(out).toMatch(/\n {2}failed:\n/);
    expect(out).toContain(
      '    on:\n      retry: enrolled.atGate\n      prepare: enrolled.prepared\n',
    );
    expect(out).toContain('    type: final\n\n  failed:\n');
    expect(errors(out)).toEqual([]);
  });

  it('sets type, initial and stored positions', () => {
    const out = edit((doc) => {
      setStateType(doc, 'suspended', 'final');
      setInitial(doc, 'enrolled.atGate');
      setPosition(doc, 'applied', { x: 1, y: 2 });
    });
    expect(out).toContain('    initial: atGate\n');
    expect(out).toContain('    x-layout: { x: 1, y: 2 }\n');
    expect(editSource(out, clearPositions)).not.toContain('x-layout');
  });

  it('turning a group parallel drops its initial; turning it back picks the first child', () => {
    const parallel = edit((doc) => setStateType(doc, 'enrolled', 'parallel'));
    expect(parallel).toContain('    type: parallel\n');
    expect(parallel).not.toContain('    initial: prepared\n');
    const back = editSource(parallel, (doc) => setStateType(doc, 'enrolled', 'atomic'));
    expect(back).toContain('    initial: prepared\n');
    expect(errors(back)).toEqual([]);
  });

  it('pastes a copy under a fresh key', () => {
    const out = edit((doc) => {
      const value = (doc.getIn(['states', 'rejected']) as { toJSON: () => unknown }).toJSON();
      expect(pasteState(doc, undefined, 'rejected', value)).toBe('rejectedCopy');
      expect(pasteState(doc, undefined, 'rejected', value)).toBe('rejectedCopy2');
    });
    expect(out).toContain('  rejectedCopy2:\n');
  });
});

describe('transition operations', () => {
  it('connects two states on a new event and declares the event', () => {
    const out = edit((doc) =>
      expect(addTransition(doc, 'suspended', 'reapply', 'applied')).toBe('on:suspended:reapply:0'),
    );
    expect(out).toContain('      reapply: applied\n');
    expect(out).toContain('  reapply:\n    title: { zh: reapply, en: reapply }\n');
    expect(errors(out)).toEqual([]);
  });

  it('connects on an event the state already handles: the shorthand becomes a list', () => {
    const out = edit((doc) =>
      expect(addTransition(doc, 'enrolled.failed', 'retry', 'enrolled.delivered')).toBe(
        'on:enrolled.failed:retry:1',
      ),
    );
    expect(out).toContain(
      '          retry:\n            - target: atGate\n            - target: delivered\n',
    );
  });

  it('adds a timer, reconnects, edits a guard and deletes', () => {
    const out = edit((doc) => {
      expect(addTimer(doc, 'suspended', 'ended', 'P30D')).toBe('after:suspended:0');
      setTransitionTarget(doc, edgeOf(doc, 'on:suspended:resume:0'), 'applied');
      setTransitionField(doc, edgeOf(doc, 'on:suspended:resume:0'), 'guard', 'data.age >= 60');
      deleteTransition(doc, edgeOf(doc, 'on:applied:review:1'));
    });
    expect(out).toContain('    after:\n      - delay: P30D\n        target: ended\n');
    expect(out).toContain(
      '      resume:\n        target: applied\n        guard: data.age >= 60\n',
    );
    expect(out).toContain('      review:\n        - target: enrolled\n');
    expect(out).not.toContain('        - target: rejected');
  });

  it('moves a transition to another event and reorders a list', () => {
    const out = edit((doc) => {
      expect(setTransitionEvent(doc, edgeOf(doc, 'on:enrolled.failed:prepare:0'), 'retry')).toBe(
        'on:enrolled.failed:retry:1',
      );
      expect(moveTransition(doc, edgeOf(doc, 'on:applied:review:1'), -1)).toBe(
        'on:applied:review:0',
      );
    });
    expect(out).toContain('        - target: rejected\n        - target: enrolled\n');
    expect(out).toContain(
      '          retry:\n            - target: atGate\n            - target: prepared\n',
    );
  });

  it('deleting the last timer removes `after:`', () => {
    const out = edit((doc) => deleteTransition(doc, edgeOf(doc, 'after:enrolled.delivered:0')));
    expect(out).toContain('        on:\n          prepare: prepared\n      failed:');
  });
});
