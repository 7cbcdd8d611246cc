// The service worker (PHONE.md): it keeps the app's files so that the app opens and shows codes
// without a network. Network first, so that a new version arrives as soon as the phone is online;
// the cache when offline. The APIs are never cached.

const CACHE = 'ichie-phone-v1';
const ROOT = new URL('./', self.location).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const list = await (await fetch(ROOT + 'files.json', { cache: 'no-store' })).json();
      const cache = await caches.open(CACHE);
      await cache.addAll([ROOT, ...list.files.map((f) => ROOT + f.path)]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(ROOT)) {
    return;
  }
  event.respondWith(
    (async () => {
      try {
        const answer = await fetch(event.request);
        if (answer.ok) (await caches.open(CACHE)).put(event.request, answer.clone());
        return answer;
      } catch (offline) {
        const kept = await caches.match(event.request, { ignoreSearch: true });
        if (kept) return kept;
        throw offline;
      }
    })(),
  );
});
