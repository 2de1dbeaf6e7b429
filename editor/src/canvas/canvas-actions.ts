/** What a node on the canvas may ask of the canvas (the `+` next step), without prop drilling. */
import { createContext, useContext } from 'react';

/** The canvas's actions for node views. */
export interface CanvasActions {
  addNext: (sourceId: string) => void;
  /** React Flow's layer for edge labels (`.react-flow__edgelabel-renderer`), once it exists. */
  labelLayer: HTMLElement | null;
}

/** Provided by FlowCanvas. */
export const CanvasActionsContext = createContext<CanvasActions>({
  addNext: () => undefined,
  labelLayer: null,
});

/** The canvas's actions. */
export const useCanvasActions = () => useContext(CanvasActionsContext);
