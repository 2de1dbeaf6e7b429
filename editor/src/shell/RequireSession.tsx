/** Pages of the console need someone signed in (or a key); otherwise the sign-in page. */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useText } from './lang-store.js';
import { useSession } from './session-store.js';

/** Children when signed in; the sign-in page (coming back here after) when not. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const t = useText();
  if (session.kind === 'checking') return <p className="page-loading">{t('loading')}</p>;
  if (session.kind === 'none')
    return (
      <Navigate
        replace
        to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}
      />
    );
  return <>{children}</>;
}
