/** A page that is still loading its code says so (in the person's language). */
import { Suspense } from 'react';
import type { ReactNode } from 'react';
import { useText } from './lang-store.js';

/** Suspense with the catalog's "loading" text. */
export function Lazy({ children }: { children: ReactNode }) {
  const t = useText();
  return <Suspense fallback={<p className="page-loading">{t('loading')}</p>}>{children}</Suspense>;
}
