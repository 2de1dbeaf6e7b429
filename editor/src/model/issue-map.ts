/**
 * Validator findings → canvas elements. Every finding carries a JSON pointer; the element is the
 * edge or state whose pointer is the longest prefix of it (an edge that cannot be drawn, such as
 * one with an unknown target, hands its findings to its source state).
 */
import { pointerSegments } from '@relief/engine';
import type { TemplateIssue } from '@relief/engine';
import type { TemplateGraph } from './template-graph.js';

/** What can be selected in the editor. */
export type Selection =
  | { kind: 'state'; id: string }
  | { kind: 'edge'; id: string }
  | { kind: 'event'; id: string }
  | { kind: 'template' };

const startsWith = (long: string[], short: string[]) =>
  short.length <= long.length && short.every((s, i) => long[i] === s);

/** The element a finding is about, or the template itself. */
export function locateIssue(
  issue: Pick<TemplateIssue, 'pointer'>,
  graph: TemplateGraph,
): Selection {
  const at = pointerSegments(issue.pointer);
  let best: { sel: Selection; depth: number } | undefined;
  for (const edge of graph.edges) {
    const segs = pointerSegments(edge.pointer);
    if (
      startsWith(at, segs) ||
      (at.length >= segs.length - 1 && startsWith(segs, at) && segs.length > at.length)
    ) {
      const depth = Math.min(segs.length, at.length) + 0.5;
      if (!best || depth > best.depth) best = { sel: { kind: 'edge', id: edge.id }, depth };
    }
  }
  for (const node of graph.nodes) {
    const segs = pointerSegments(node.pointer);
    if (startsWith(at, segs) && (!best || segs.length > best.depth))
      best = { sel: { kind: 'state', id: node.id }, depth: segs.length };
  }
  if (best) return best.sel;
  if (at[0] === 'events' && at[1] !== undefined) return { kind: 'event', id: at[1] };
  return { kind: 'template' };
}

/** Findings by element id (node or drawable edge), for markers on the canvas. */
export function issuesByElement(
  issues: readonly TemplateIssue[],
  graph: TemplateGraph,
): Map<string, TemplateIssue[]> {
  const drawable = new Map(
    graph.edges.map((e) => [e.id, e.target !== undefined ? e.id : e.source]),
  );
  const out = new Map<string, TemplateIssue[]>();
  for (const issue of issues) {
    const sel = locateIssue(issue, graph);
    const id =
      sel.kind === 'edge' ? drawable.get(sel.id) : sel.kind === 'state' ? sel.id : undefined;
    if (id === undefined) continue;
    if (!out.has(id)) out.set(id, []);
    out.get(id)!.push(issue);
  }
  return out;
}
