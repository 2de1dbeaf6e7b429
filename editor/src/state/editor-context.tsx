/** React access to the store and the actions (components stay thin: they read and call). */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ApiClient } from '../api/api-client.js';
import { translate } from '../i18n/messages.js';
import type { MessageKey } from '../i18n/messages.js';
import type { EditorState, EditorStore } from './editor-store.js';
import type { RemoteActions } from './remote-actions.js';
import type { SimulationActions } from './simulation-actions.js';

/** What the app is given. */
export interface EditorActions {
  store: EditorStore;
  api: ApiClient;
  remote: RemoteActions;
  simulation: SimulationActions;
}

const Context = createContext<EditorActions | undefined>(undefined);

/** Provides the store and actions to the tree. */
export const EditorProvider = Context.Provider;

/** The store, actions and API. */
export function useActions(): EditorActions {
  const actions = useContext(Context);
  if (!actions) throw new Error('useActions outside EditorProvider');
  return actions;
}

/** Select from the store (re-renders when the selected value changes). */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useActions().store, selector);
}

/** The translator for the current UI language. */
export function useT(): (key: MessageKey, args?: Record<string, string | number>) => string {
  const lang = useEditor((s) => s.lang);
  return (key, args) => translate(lang, key, args);
}
