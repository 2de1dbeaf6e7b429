/**
 * The Design area: the template editor as it always was (its own store, API client and actions),
 * loaded only when a designer opens it, so the console's first screen does not carry its code.
 */
import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useStore } from 'zustand';
import '@xyflow/react/dist/style.css';
import '../styles/canvas.css';
import '../styles/panels.css';
import '../styles/designer.css';
import { api } from '../shell/session-store.js';
import { App } from '../App.js';
import { langStore } from '../shell/lang-store.js';
import { createEditorStore } from '../state/editor-store.js';
import { EditorProvider } from '../state/editor-context.js';
import type { EditorActions } from '../state/editor-context.js';
import { createRemoteActions } from '../state/remote-actions.js';
import { createSimulationActions } from '../state/simulation-actions.js';
import { STARTER_TEMPLATE } from '../state/starter-template.js';

let created: EditorActions | undefined;

/** One editor per page: coming back to Design keeps the open template and its undo history. */
function editorActions(): EditorActions {
  if (created) return created;
  const store = createEditorStore(
    STARTER_TEMPLATE,
    langStore.getState().lang,
    localStorage.getItem('relief.direction') === 'LR' ? 'LR' : 'TB',
  );
  created = {
    store,
    api,
    remote: createRemoteActions(store, api),
    simulation: createSimulationActions(store),
  };
  // A handle for end-to-end tests and the benchmark (reads and loads sources; nothing secret).
  Object.assign(window, {
    reliefEditor: { store, load: (source: string) => store.getState().load(source) },
  });
  // Closing the tab with unsaved changes asks first: a busy worker may click away by mistake.
  window.addEventListener('beforeunload', (event) => {
    if (store.getState().isDirty()) event.preventDefault();
  });
  // The editor follows the app's language (the header's one toggle).
  langStore.subscribe((s) => {
    if (s.lang !== store.getState().lang) store.getState().setLang(s.lang);
  });
  return created;
}

/** The editor, opening `?template=…&version=…` when given. */
export default function DesignArea() {
  const actions = useMemo(editorActions, []);
  const [params, setParams] = useSearchParams();
  const template = params.get('template');
  const version = params.get('version');
  useEffect(() => {
    const open = actions.store.getState().remote;
    // The URL follows the open template (below); opening it again would drop unsaved edits.
    if (open?.id === template && (version === null || open.version === Number(version))) return;
    if (template) void actions.remote.open(template, version ? Number(version) : undefined);
  }, [actions, template, version]);
  // Groups folded in a shared link start folded (the template keeps them when it opens).
  useEffect(() => {
    const folded = new URLSearchParams(window.location.search).get('folded');
    if (folded) actions.store.getState().setCollapsed(folded.split(',').filter(Boolean));
  }, [actions]);
  // The URL names the open template and version, so a reload or a shared link opens the same,
  // and the folded groups.
  const remote = useStore(actions.store, (s) => s.remote);
  const collapsed = useStore(actions.store, (s) => s.collapsed);
  useEffect(() => {
    const next: Record<string, string> = remote
      ? { template: remote.id, version: String(remote.version) }
      : Object.fromEntries([...params].filter(([k]) => k === 'template' || k === 'version'));
    if (collapsed.size > 0) next.folded = [...collapsed].join(',');
    const current = Object.fromEntries(params);
    if (
      current.template !== next.template ||
      current.version !== next.version ||
      current.folded !== next.folded
    )
      setParams(next, { replace: true });
  }, [remote, collapsed, params, setParams, actions]);
  return (
    <EditorProvider value={actions}>
      <App />
    </EditorProvider>
  );
}
