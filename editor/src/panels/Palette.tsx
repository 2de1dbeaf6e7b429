/** The palette: drag a state, a final state or a compound state onto the canvas (or click to add). */
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
  const handlers = useCanvasHandlers();
  const readOnly = useEditor((s) => s.diff !== undefined);
  const addInView = (kind: PaletteKind) =>
    handlers.addInView(kind, document.querySelector('.canvas-area')?.getBoundingClientRect());
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
