import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { layeredLayout, visibleGraph } from '../model/index.js';
import type { ElkRun } from '../model/index.js';
import { addState } from '../model/state-operations.js';
import { readShipped } from '../test-support/shipped-templates.js';
import { createEditorStore } from './editor-store.js';
import { createSimulationActions } from './simulation-actions.js';

describe('editor store', () => {
  it('derives the graph, layout and markers, and edits through the YAML document with undo/redo', () => {
    const store = createEditorStore(readShipped('love-meals'));
    const s = () => store.getState();
    expect(s().graph.nodes).toHaveLength(9);
    expect(s().boxes.size).toBe(9);
    expect(s().errorCount).toBe(0);
    const applied = s().boxes.get('applied')!;
    s().edit((doc) => addState(doc, { key: 'waitlisted', position: { x: 5, y: 6 } }));
    expect(s().graph.nodes).toHaveLength(10);
    expect(s().boxes.get('applied')).toMatchObject({ x: applied.x, y: applied.y });
    expect(s().boxes.get('waitlisted')).toMatchObject({ x: 5, y: 6 });
    expect(s().source).toContain('  waitlisted:\n');
    expect(s().isDirty()).toBe(true);
    s().undo();
    expect(s().source).toBe(readShipped('love-meals'));
    s().redo();
    expect(s().source).toContain('  waitlisted:\n');
  });

  it('shows an operation refusal as a notice in the current language', () => {
    const store = createEditorStore(readShipped('love-meals'));
    store.getState().edit((doc) => addState(doc, { key: 'applied' }));
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: '已有同名状态“applied”' });
    store.getState().setLang('en');
    store.getState().edit((doc) => addState(doc, { key: 'applied' }));
    expect(store.getState().notice!.text).toBe("A state 'applied' already exists");
  });

  it('clears a notice once the text it was about changes; says a numbers-only notice again in the new language', () => {
    const store = createEditorStore(readShipped('love-meals'));
    store.getState().say('info', 'saved', { v: 3 });
    store.getState().setLang('en');
    expect(store.getState().notice).toMatchObject({ key: 'saved', args: { v: 3 } });
    store.getState().edit((doc) => addState(doc, { key: 'later' }));
    expect(store.getState().notice).toBeUndefined();
    store.getState().say('error', 'serverRefused', { detail: '这一版已经发布' });
    store.getState().setLang('zh');
    expect(store.getState().notice).toBeUndefined();
  });

  it('groups typing into one undo step, keeps the last graph while the YAML is broken, and reveals issues', () => {
    const source = readShipped('love-meals');
    const store = createEditorStore(source);
    const s = () => store.getState();
    s().setSource(source.replace('target: rejected', 'target: rejectd'), 'yaml');
    s().setSource(
      source
        .replace('target: rejected', 'target: rejectd')
        .replace('initial: applied', 'initial: applied\n  bad: [: :'),
      'yaml',
    );
    expect(s().graph.nodes).toHaveLength(9);
    expect(s().past).toHaveLength(1);
    s().setSource(source.replace('target: rejected', 'target: rejectd'), 'yaml');
    const issue = s().validation.issues.find((i) => i.code === 'unknown-target')!;
    expect(s().markers.get('applied')).toContainEqual(issue);
    s().revealIssue(issue);
    expect(s().selection).toEqual({ kind: 'edge', id: 'on:applied:review:1' });
    expect(s().cursor).toMatchObject({ line: issue.line, col: issue.col });
  });

  it('simulates with the engine step', () => {
    const store = createEditorStore(readShipped('love-meals'));
    const sim = createSimulationActions(store);
    sim.start({ name: '王阿姨', age: 86, address: '长征镇 1 号', mobilityImpaired: true }, {});
    sim.send('review');
    expect(store.getState().sim!.path).toEqual(['on:applied:review:0']);
    sim.send('carryToGate');
    sim.nextTimer();
    expect(store.getState().sim!.log.at(-1)!.event).toBe('after:enrolled.atGate:0');
  });

  it('fits the view when a layout arrives after open, auto layout or direction, not after an edit', async () => {
    const elk = new ELK();
    const run: ElkRun = (graph) => elk.layout(graph as never) as never;
    const store = createEditorStore(readShipped('love-meals'));
    const s = () => store.getState();
    // What the canvas does for every layout request (labels estimated, as in Node).
    const layOut = async () => {
      const graph = visibleGraph(s().graph, s().collapsed);
      const layout = await layeredLayout(
        { graph, direction: s().direction, nodeLabel: (id) => id, edgeLabel: (id) => id },
        run,
      );
      s().applyLayered(layout, graph);
    };
    s().load(readShipped('love-meals'));
    let fits = s().viewNonce;
    await layOut();
    expect(s().viewNonce).toBe(fits + 1);
    fits = s().viewNonce;
    const requests = s().layoutNonce;
    s().edit((doc) => addState(doc, { key: 'waitlisted' }));
    expect(s().layoutNonce).toBe(requests + 1);
    await layOut();
    expect(s().boxes.has('waitlisted')).toBe(true);
    expect(s().viewNonce).toBe(fits);
    s().relayout();
    fits = s().viewNonce;
    await layOut();
    expect(s().viewNonce).toBe(fits + 1);
    s().setDirection('LR');
    fits = s().viewNonce;
    await layOut();
    expect(s().viewNonce).toBe(fits + 1);
    s().edit((doc) => addState(doc, { key: 'declined' }));
    await layOut();
    expect(s().viewNonce).toBe(fits + 1);
  }, 60_000);
});
