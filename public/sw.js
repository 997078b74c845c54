/* global self, caches */
/*
 * Service worker of presentation mode (registered with scope /trinh-chieu/ by the
 * presentation page only). Courtroom machines are often offline: once a presentation has
 * been opened, its page, styles, scripts, images and fonts are kept here and served from
 * the cache.
 *
 * - Presentation pages: stale-while-revalidate (instant and offline; a fresh copy is
 *   fetched in the background for next time).
 * - /_astro/ (hashed, never change), /images/, fonts: cache first.
 * - Other same-origin GETs made by a presentation: network first, cache as fallback.
 * The page sends the list of files it uses ({ type: 'precache', urls }); the worker stores
 * them and answers on the message port with { cached, failed }.
 */
const CACHE = 'tap-huan-so-trinh-chieu-v1';
const CACHE_PREFIX = 'tap-huan-so-trinh-chieu-';
const PAGE_PREFIX = '/trinh-chieu/';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data;
  const port = event.ports && event.ports[0];
  if (!data || data.type !== 'precache' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    precache(data.urls).then((result) => {
      if (port) port.postMessage(result);
    }),
  );
});

/** Stores each same-origin URL; a page is stored under its path without the query. */
async function precache(urls) {
  const cache = await caches.open(CACHE);
  const failed = [];
  let cached = 0;
  await Promise.all(
    urls.map(async (value) => {
      const url = new URL(value, self.location.origin);
      if (url.origin !== self.location.origin) return;
      try {
        const response = await fetch(url.href, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(String(response.status));
        await cache.put(cacheKey(url), response);
        cached += 1;
      } catch {
        failed.push(url.pathname);
      }
    }),
  );
  return { cached, failed };
}

function cacheKey(url) {
  return url.pathname.startsWith(PAGE_PREFIX) ? url.origin + url.pathname : url.href;
}

function isStatic(url) {
  return (
    url.pathname.startsWith('/_astro/') ||
    url.pathname.startsWith('/images/') ||
    /\.(woff2?|ttf|otf)$/i.test(url.pathname)
  );
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate' || (request.destination === 'document' && url.pathname.startsWith(PAGE_PREFIX))) {
    if (url.pathname.startsWith(PAGE_PREFIX)) event.respondWith(staleWhileRevalidate(event, url));
    return;
  }
  if (isStatic(url)) {
    event.respondWith(cacheFirst(request, url));
    return;
  }
  event.respondWith(networkFirst(request, url));
});

async function staleWhileRevalidate(event, url) {
  const cache = await caches.open(CACHE);
  const key = cacheKey(url);
  const cached = await cache.match(key);
  const fresh = fetch(event.request)
    .then(async (response) => {
      if (response.ok && !response.redirected) await cache.put(key, response.clone());
      return response;
    })
    .catch(() => undefined);
  if (cached) {
    event.waitUntil(fresh);
    return cached;
  }
  return (await fresh) ?? offlinePage();
}

async function cacheFirst(request, url) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(cacheKey(url));
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(cacheKey(url), response.clone());
  return response;
}

async function networkFirst(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(cacheKey(url), response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey(url));
    if (cached) return cached;
    throw error;
  }
}

function offlinePage() {
  const body =
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Không có mạng – Tập huấn số</title>' +
    '<main style="font:1.25rem/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">' +
    '<h1>Không có mạng</h1><p>Bản trình chiếu này chưa được mở lần nào trên máy khi còn mạng, nên chưa có bản lưu để dùng ngoại tuyến.</p>' +
    '<p>Hãy mở bản trình chiếu một lần khi có mạng; sau đó có thể trình chiếu cả khi mất mạng.</p></main></html>';
  return new Response(body, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
