/** The side panel for whatever is selected: a state, a transition or timer, an event, or the template. */
import { useEditor } from '../state/editor-context.js';
import { EventInspector } from './EventInspector.js';
import { StateInspector } from './StateInspector.js';
import { TemplateInspector } from './TemplateInspector.js';
import { TransitionInspector } from './TransitionInspector.js';

/** Picks the inspector for the selection. */
export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const node = useEditor((s) =>
    selection.kind === 'state' ? s.graph.nodes.find((n) => n.id === selection.id) : undefined,
  );
  const edge = useEditor((s) =>
    selection.kind === 'edge' ? s.graph.edges.find((e) => e.id === selection.id) : undefined,
  );
  const diff = useEditor((s) => s.diff);
  if (diff) return <TemplateInspector />;
  if (node) return <StateInspector node={node} />;
  if (edge) return <TransitionInspector edge={edge} />;
  if (selection.kind === 'event') return <EventInspector name={selection.id} />;
  return <TemplateInspector />;
}
