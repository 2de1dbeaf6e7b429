/**
 * Every screen has a real URL: `/design` (the editor), `/programmes/…` (the console), `/admin/…`
 * (people, keys, webhooks), `/work/…` (a worker's phone), `/sign-in`. Areas and pages load on demand.
 */
import { lazy } from 'react';
import type { ComponentType } from 'react';
import { Navigate, createBrowserRouter, useLocation } from 'react-router';
import { AppShell } from './AppShell.js';
import { RequireSession } from './RequireSession.js';
import { SignInPage } from './SignInPage.js';
import { Lazy } from './Lazy.js';

const page = (load: () => Promise<{ default: ComponentType }>) => {
  const Page = lazy(load);
  return (
    <Lazy>
      <Page />
    </Lazy>
  );
};

/**
 * `/` goes to the console; the old `/?template=…` link still opens the editor, as a page load of
 * its own (the designer's pages have their own Content-Security-Policy).
 */
function Home() {
  const { search } = useLocation();
  if (search.includes('template=')) {
    window.location.replace(`/design${search}`);
    return null;
  }
  return <Navigate replace to="/programmes" />;
}

const inConsole = (load: () => Promise<{ default: ComponentType }>) => (
  <RequireSession>{page(load)}</RequireSession>
);

/** The app's routes. */
export const appRouter = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Home /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'design', element: page(() => import('../design/DesignArea.js')) },
      { path: 'work/*', element: inConsole(() => import('../work/WorkArea.js')) },
      {
        path: 'programmes',
        element: page(() => import('../console/ConsoleLayout.js')),
        children: [
          { index: true, element: inConsole(() => import('../console/pages/OverviewPage.js')) },
          { path: 'new', element: inConsole(() => import('../console/pages/GalleryPage.js')) },
          {
            path: 'new/:templateId',
            element: inConsole(() => import('../console/pages/StartPage.js')),
          },
          { path: ':id', element: inConsole(() => import('../console/pages/DashboardPage.js')) },
          {
            path: ':id/import',
            element: inConsole(() => import('../console/pages/ImportPage.js')),
          },
          { path: ':id/cases', element: inConsole(() => import('../console/pages/CasesPage.js')) },
          {
            path: ':id/cases/:caseId',
            element: inConsole(() => import('../console/pages/CasePage.js')),
          },
          { path: ':id/rule', element: inConsole(() => import('../console/pages/RulePage.js')) },
          {
            path: ':id/migrate',
            element: inConsole(() => import('../console/pages/MigratePage.js')),
          },
        ],
      },
      {
        path: 'admin',
        element: page(() => import('../console/ConsoleLayout.js')),
        children: [
          { index: true, element: <Navigate replace to="people" /> },
          { path: 'people', element: inConsole(() => import('../console/pages/PeoplePage.js')) },
          { path: 'keys', element: inConsole(() => import('../console/pages/KeysPage.js')) },
          {
            path: 'webhooks',
            element: inConsole(() => import('../console/pages/WebhooksPage.js')),
          },
          {
            path: 'access-log',
            element: inConsole(() => import('../console/pages/AccessLogPage.js')),
          },
        ],
      },
      { path: '*', element: <Home /> },
    ],
  },
]);
