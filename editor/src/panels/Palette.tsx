/** The palette: drag a state, a final state or a compound state onto the canvas (or click to add). */
import { useReactFlow } from '@xyflow/react';
import { useCanvasHandlers } from '../canvas/use-canvas-handlers.js';
import type { PaletteKind } from '../canvas/use-canvas-handlers.js';
import type { MessageKey } from '../i18n/messages.js';
import { useEditor, useT } from '../state/editor-context.js';

const ITEMS: [PaletteKind, string, MessageKey][] = [
  ['atomic', '▭', 'paletteState'],
  ['final', '◉', 'paletteFinal'],
  ['group', '▣', 'paletteGroup'],
];

/** The palette column. */
export function Palette() {
  const t = useT();
  const { addAt } = useCanvasHandlers();
  const flow = useReactFlow();
  const readOnly = useEditor((s) => s.diff !== undefined);
  const addInView = (kind: PaletteKind) => {
    const pane = document.querySelector('.canvas-area')?.getBoundingClientRect();
    const at = pane
      ? flow.screenToFlowPosition({
          x: pane.left + pane.width / 2 + Math.random() * 60,
          y: pane.top + 60 + Math.random() * 60,
        })
      : { x: 0, y: 0 };
    addAt(kind, at);
  };
  return (
    <nav className="palette" aria-label={t('palette')} title={t('paletteHint')}>
      {ITEMS.map(([kind, glyph, key]) => (
        <div
          key={kind}
          className="item"
          role="button"
          tabIndex={0}
          draggable={!readOnly}
          data-testid={`palette-${kind}`}
          onDragStart={(e) => {
            e.dataTransfer.setData('application/x-relief-state', kind);
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => !readOnly && addInView(kind)}
          onKeyDown={(e) => e.key === 'Enter' && !readOnly && addInView(kind)}
        >
          <span className="glyph">{glyph}</span>
          {t(key)}
        </div>
      ))}
    </nav>
  );
}
