/**
 * The service worker (`/sw.js`, hand-written, in `public/`): it keeps the app's files so the Work
 * area opens without a network. Files this page loaded before the worker took over are handed to
 * it, so the first visit is enough.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  try {
    await navigator.serviceWorker.register('/sw.js');
    await keepLoadedFiles();
  } catch {
    /* no worker: the app still works online */
  }
}

/** Hand the worker every app file this page has loaded (it keeps those it does not hold yet). */
export async function keepLoadedFiles(): Promise<void> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const registration = await navigator.serviceWorker.ready;
  const files = performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name))
    .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
    .map((u) => u.pathname);
  registration.active?.postMessage({ kind: 'keep', files: [...new Set(files)] });
}
