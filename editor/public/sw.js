/* global self, caches */
/*
 * The app's service worker (hand-written; see README, dependencies): the pages and files of the
 * app stay on the phone, so the Work area opens without a network. Pages: network first, the kept
 * copy when offline. Hashed files under /assets/: kept on first use, never changed after. The API
 * is never cached here: the Work area keeps its own copy in IndexedDB.
 */
const CACHE = 'relief-app-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['/', '/manifest.webmanifest', '/icon.svg']))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Files the page loaded before this worker took over: keep them too.
self.addEventListener('message', (event) => {
  const files = event.data && event.data.kind === 'keep' ? event.data.files : [];
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        Promise.all(
          files.map((file) =>
            cache.match(file).then((hit) => hit || cache.add(file).catch(() => undefined)),
          ),
        ),
      ),
  );
});

// An alert from the server (Web Push): { tag, title, body, url }, already in the person's language.
// The tag is the notification's id, so an alert that arrives twice replaces itself.
self.addEventListener('push', (event) => {
  let alert = {};
  try {
    alert = event.data ? event.data.json() : {};
  } catch {
    alert = {};
  }
  const title = typeof alert.title === 'string' && alert.title !== '' ? alert.title : 'Relief';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof alert.body === 'string' ? alert.body : '',
      tag: typeof alert.tag === 'string' ? alert.tag : undefined,
      icon: '/icon.svg',
      data: {
        url: typeof alert.url === 'string' && alert.url.startsWith('/work/') ? alert.url : '/work',
      },
    }),
  );
});

// A tap on an alert opens its case: in a window of the app that is already open, or a new one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(
    event.notification.data && event.notification.data.url ? event.notification.data.url : '/work',
    self.location.origin,
  ).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.navigate(url).then((w) => (w || open).focus());
      return self.clients.openWindow(url);
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          // The designer's pages carry their own CSP; the kept page is the other areas' one.
          if (response.ok && !url.pathname.startsWith('/design'))
            void caches.open(CACHE).then((cache) => cache.put('/', copy));
          return response;
        })
        .catch(() => caches.match('/').then((hit) => hit || Response.error())),
    );
    return;
  }
  event.respondWith(
    caches.match(request).then(
      (hit) =>
        hit ||
        fetch(request).then((response) => {
          if (response.ok && url.pathname.startsWith('/assets/')) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
