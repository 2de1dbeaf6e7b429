/** Transitions that stay in place, listed inside their state; a click selects the transition. */
import { useActions } from '../state/editor-context.js';
import type { StateNodeData } from './flow-elements.js';

/** The rows (at most `max`; the rest are summarised). */
export function InternalTransitions({
  items,
  max = 4,
  inline = false,
}: {
  items: StateNodeData['internal'];
  max?: number;
  inline?: boolean;
}) {
  const { store } = useActions();
  const shown = items.slice(0, max);
  return (
    <>
      {shown.map((item) => (
        <span
          key={item.id}
          className={`internal ${inline ? 'inline' : ''}`}
          data-edge-internal={item.id}
          onClick={(event) => {
            event.stopPropagation();
            store.getState().select({ kind: 'edge', id: item.id });
          }}
        >
          {item.text}
        </span>
      ))}
      {items.length > max && <span className="internal">… +{items.length - max}</span>}
    </>
  );
}
