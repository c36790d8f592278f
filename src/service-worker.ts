/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Offline (ARCHITECTURE.md "Offline and updates"): precache the whole build — JS/CSS, static files, every
// prerendered page and bundled set — under a cache named by the version, serve the SPA
// fallback for any other page (device sets), and wait for the user before taking over.
import { base, build, files, prerendered, version } from '$service-worker';
import { setCacheNameDetails } from 'workbox-core';
import { createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

const sw = self as unknown as ServiceWorkerGlobalScope;

const PREFIX = 'studydeck';
setCacheNameDetails({ prefix: PREFIX, precache: 'precache', suffix: version, runtime: 'runtime' });

const FALLBACK = `${base}/200.html`;
const isHashed = (url: string) => url.includes('/_app/immutable/');
// WebAssembly serves only a few: SQLite (~640 KB) for Anki import/export and the FSRS
// optimiser (~440 KB gzip) in Settings. Neither is precached for every visitor; each is
// cached on first use below, so it works offline after that.
const isLazyWasm = (url: string) => url.endsWith('.wasm');
const RUNTIME = `${PREFIX}-runtime-${version}`;

precacheAndRoute(
	[
		...build
			.filter((url) => !isLazyWasm(url))
			.map((url) => ({ url, revision: isHashed(url) ? null : version })),
		...files.map((url) => ({ url, revision: version })),
		...prerendered.map((url) => ({ url, revision: version })),
		{ url: FALLBACK, revision: version },
		// Kit asks for this after a failed navigation; offline, the cached answer is right.
		{ url: `${base}/_app/version.json`, revision: version }
	],
	// Prerendered pages are directories (/sets/x/ → /sets/x/index.html); no query matters.
	{ directoryIndex: 'index.html', ignoreURLParametersMatching: [/.*/] }
);

registerRoute(
	({ url }) => url.origin === sw.location.origin && isLazyWasm(url.pathname),
	async ({ request }) => {
		const cache = await caches.open(RUNTIME);
		const hit = await cache.match(request);
		if (hit) return hit;
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	}
);

// Pages that were not prerendered (sets authored on the device) get the SPA shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL(FALLBACK)));

sw.addEventListener('message', (event) => {
	// The page asks for this only when the user taps "Reload" outside a review or quiz.
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	// Only this version's cache remains after an update.
	event.waitUntil(
		(async () => {
			const keep = [`${PREFIX}-precache-${version}`, RUNTIME];
			for (const key of await caches.keys())
				if (key.startsWith(`${PREFIX}-`) && !keep.includes(key)) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});
