/** Entry point: the app shell with its router; each area's code loads when it is opened. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './styles/app.css';
import './styles/shell.css';
import { appRouter } from './shell/app-router.js';
import { langStore } from './shell/lang-store.js';
import { checkSession } from './shell/session-store.js';

document.documentElement.lang = langStore.getState().lang === 'zh' ? 'zh-CN' : 'en';
void checkSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={appRouter} />
  </StrictMode>,
);
