/**
 * The service worker (`/sw.js`, hand-written, in `public/`): it keeps the app's files so the Work
 * area opens without a network. Files this page loaded before the worker took over are handed to
 * it, so the first visit is enough.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  void navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const files = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name))
        .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
        .map((u) => u.pathname);
      registration.active?.postMessage({ kind: 'keep', files: [...new Set(files)] });
    })
    .catch(() => undefined);
}
