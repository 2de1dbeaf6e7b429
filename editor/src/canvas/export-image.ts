/**
 * The graph as a picture for reports and printing (React Flow's documented way, with html-to-image):
 * the whole graph, not just what is in view, at a scale that keeps labels readable, labels in the
 * language shown. SVG (vector, for print) or PNG (twice the pixels, for documents and chat).
 */
import { getViewportForBounds } from '@xyflow/react';
import type { Rect } from '@xyflow/react';

/** What an export makes. */
export type ImageFormat = 'svg' | 'png';

const PADDING = 24;
/** The largest side of an image, in CSS pixels (PNG doubles it): browsers refuse larger canvases. */
const MAX_SIDE = 6000;

/** Render the canvas's graph (all of `bounds`, see graph-bounds.ts) to a data URL. */
export async function graphImage(
  viewportElement: HTMLElement,
  bounds: Rect,
  format: ImageFormat,
): Promise<{ url: string; width: number; height: number }> {
  const scale = Math.min(
    1,
    MAX_SIDE / Math.max(bounds.width + 2 * PADDING, bounds.height + 2 * PADDING),
  );
  const width = Math.ceil((bounds.width + 2 * PADDING) * scale);
  const height = Math.ceil((bounds.height + 2 * PADDING) * scale);
  const viewport = getViewportForBounds(bounds, width, height, scale, scale, 0);
  const { toPng, toSvg } = await import('html-to-image');
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
    // Editing handles and the ＋ buttons are not part of the picture.
    filter: (el: HTMLElement) =>
      !['react-flow__handle', 'add-next', 'fold'].some((c) => el.classList?.contains(c)),
  };
  const url =
    format === 'svg'
      ? await toSvg(viewportElement, options)
      : await toPng(viewportElement, { ...options, pixelRatio: 2 });
  return { url, width, height };
}

/** Save a data URL as a file. */
export function download(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
}
