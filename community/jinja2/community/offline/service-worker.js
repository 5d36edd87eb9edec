// STaR's service worker: lets a register opened with a signal reopen without one.
// It answers for two things only: register pages (network first, a copy kept for today) and
// static files. Every other page, person pages included, goes to the network and is never cached.
// Copies of register pages live in a cache named after today's date; older ones are deleted
// whenever the worker starts or a register is opened, and all copies are deleted at sign-out.
const CONFIG = {{ config | safe }};
const STATIC_CACHE = "star-static-v1";
const REGISTER_CACHE_PREFIX = "star-register-";

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const REGISTER_PAGE = new RegExp(`^${escapeRegExp(CONFIG.register_prefix)}\\d+/$`);

function registerCacheName() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${REGISTER_CACHE_PREFIX}${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

async function dropOldRegisters() {
  const keep = registerCacheName();
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(REGISTER_CACHE_PREFIX) && name !== keep).map((name) => caches.delete(name)));
}

async function dropEverything() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith("star-")).map((name) => caches.delete(name)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC_CACHE);
      await Promise.all(CONFIG.precache.map((url) => cache.add(url).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith("star-static-") && name !== STATIC_CACHE).map((name) => caches.delete(name)));
      await dropOldRegisters();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "clear") event.waitUntil(dropEverything());
});

async function staticFile(request) {
  // The copy kept, refreshed in the background; the network when there is none.
  const cache = await caches.open(STATIC_CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok) cache.put(request, response.clone());
      return response;
    })
    .catch(() => undefined);
  return kept || (await fresh) || Response.error();
}

async function registerPage(request) {
  await dropOldRegisters();
  const cache = await caches.open(registerCacheName());
  try {
    const response = await fetch(request);
    // Keep only the register itself: not a redirect to sign in, not an error page.
    if (response.ok && !response.redirected && response.type === "basic") await cache.put(request.url, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request.url);
    if (kept) return kept;
    return new Response(
      "<!doctype html><html lang=\"en-GB\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>No signal</title>" +
        "<h1>No signal</h1><p>This register was not opened with a signal today, so it is not on this phone. Open it again when you have a signal.</p></html>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
    );
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(CONFIG.static_prefix)) {
    event.respondWith(staticFile(request));
  } else if (REGISTER_PAGE.test(url.pathname) && !url.search && request.headers.get("HX-Request") !== "true") {
    event.respondWith(registerPage(request));
  }
});
