/** Where the selected element is written in the YAML: the line the YAML panel scrolls to. */
import { locatePointer, toPointer } from '@relief/engine';
import type { TemplateValidation } from '@relief/engine';
import { edgePath, statePath } from './document-paths.js';
import type { Selection } from './issue-map.js';
import type { TemplateGraph } from './template-graph.js';

/** The 1-based line of the selection's key, or undefined (the template itself, or not found). */
export function selectionLine(
  selection: Selection,
  graph: TemplateGraph,
  parsed: TemplateValidation['parsed'],
): number | undefined {
  let path: (string | number)[] | undefined;
  if (selection.kind === 'state') path = statePath(selection.id);
  else if (selection.kind === 'event') path = ['events', selection.id];
  else if (selection.kind === 'edge') {
    const edge = graph.edges.find((e) => e.id === selection.id);
    if (edge) path = edgePath(edge);
  }
  if (!path || !parsed.doc) return undefined;
  return locatePointer(parsed, toPointer(path), { key: true }).line;
}
