/** Entry point: one store, one API client, the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/canvas.css';
import './styles/panels.css';
import { createApiClient } from './api/api-client.js';
import { loadApiKey } from './api/api-key.js';
import { App } from './App.js';
import { createEditorStore } from './state/editor-store.js';
import { EditorProvider } from './state/editor-context.js';
import { createRemoteActions } from './state/remote-actions.js';
import { createSimulationActions } from './state/simulation-actions.js';
import { STARTER_TEMPLATE } from './state/starter-template.js';

const store = createEditorStore(
  STARTER_TEMPLATE,
  localStorage.getItem('relief.lang') === 'en' ? 'en' : 'zh',
  localStorage.getItem('relief.direction') === 'LR' ? 'LR' : 'TB',
);
const api = createApiClient({ key: loadApiKey });
const actions = {
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

const params = new URLSearchParams(location.search);
const opened = params.get('template');
if (opened)
  void actions.remote.open(
    opened,
    params.get('version') ? Number(params.get('version')) : undefined,
  );

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EditorProvider value={actions}>
      <App />
    </EditorProvider>
  </StrictMode>,
);
