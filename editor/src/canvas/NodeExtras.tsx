/**
 * What every state node carries besides its title: a highlight while a connection is being drawn
 * (a drop anywhere on the state connects, see FlowCanvas's onConnectEnd) and, when the state is
 * selected, a `+` that adds the next step.
 */
import { useConnection } from '@xyflow/react';
import { useT } from '../state/editor-context.js';
import { useCanvasActions } from './canvas-actions.js';

/** The overlay target handle and the `+` button. */
export function NodeExtras({
  id,
  selected,
  canLead,
}: {
  id: string;
  selected: boolean;
  canLead: boolean;
}) {
  const t = useT();
  const { addNext } = useCanvasActions();
  const connecting = useConnection((c) => c.inProgress && c.fromNode?.id !== id);
  return (
    <>
      {connecting && <div className="drop-target" />}
      {selected && canLead && (
        <button
          className="add-next nodrag"
          title={t('addNext')}
          aria-label={t('addNext')}
          data-testid="add-next"
          onClick={(e) => {
            e.stopPropagation();
            addNext(id);
          }}
        >
          ＋
        </button>
      )}
    </>
  );
}
