/** What a node on the canvas may ask of the canvas (the `+` next step), without prop drilling. */
import { createContext, useContext } from 'react';

/** The canvas's actions for node views. */
export interface CanvasActions {
  addNext: (sourceId: string) => void;
}

/** Provided by FlowCanvas. */
export const CanvasActionsContext = createContext<CanvasActions>({ addNext: () => undefined });

/** The canvas's actions. */
export const useCanvasActions = () => useContext(CanvasActionsContext);
