/** 导出图片 / Export image: the graph as SVG or PNG, named after the template and version. */
import { useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { download, graphImage } from '../canvas/export-image.js';
import { graphBounds } from '../canvas/graph-bounds.js';
import type { ImageFormat } from '../canvas/export-image.js';
import { useActions, useT } from '../state/editor-context.js';

/** Save the whole graph as `format` (the toolbar's button, or the phone's 更多 menu); `busy` meanwhile. */
export function useExportImage(): { save: (format: ImageFormat) => Promise<void>; busy: boolean } {
  const { store } = useActions();
  const { getNodes, getNodesBounds } = useReactFlow();
  const [busy, setBusy] = useState(false);
  const save = async (format: ImageFormat) => {
    const viewport = document.querySelector<HTMLElement>('.canvas-area .react-flow__viewport');
    if (!viewport) return;
    setBusy(true);
    try {
      const { template, routes } = store.getState();
      const bounds = graphBounds(getNodesBounds(getNodes()), routes);
      const { url } = await graphImage(viewport, bounds, format);
      const name = `${template.id ?? 'template'}-v${String(template.version ?? 1)}-${store.getState().lang}`;
      download(url, `${name}.${format}`);
      store.getState().say('info', 'exported', { file: `${name}.${format}` });
    } catch (error) {
      store.getState().say('error', 'exportFailed', { detail: String(error) });
    } finally {
      setBusy(false);
    }
  };
  return { save, busy };
}

/** The toolbar button and its two choices. */
export function ExportMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const exporter = useExportImage();
  const busy = exporter.busy;
  const save = (format: ImageFormat) => {
    setOpen(false);
    return exporter.save(format);
  };
  return (
    <span className="export-menu">
      <button
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        disabled={busy}
        data-testid="export"
      >
        ⤓ {t('exportImage')}
      </button>
      {/* Inline, not a pop-up: the toolbar scrolls sideways on narrow screens and would clip one. */}
      {open && (
        <>
          <button
            onClick={() => void save('svg')}
            title={t('exportSvgHelp')}
            data-testid="export-svg"
          >
            {t('exportSvg')}
          </button>
          <button
            onClick={() => void save('png')}
            title={t('exportPngHelp')}
            data-testid="export-png"
          >
            {t('exportPng')}
          </button>
        </>
      )}
    </span>
  );
}
