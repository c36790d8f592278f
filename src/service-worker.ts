/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Offline (DESIGN.md §5): precache the whole build — JS/CSS, static files, every
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
// The optimiser's WebAssembly (about 440 KB gzip) is for the few who open it in Settings:
// not precached for everyone. Once fetched, its immutable HTTP caching keeps it offline.
const isOptimizer = (url: string) => url.endsWith('.wasm');

precacheAndRoute(
	[
		...build
			.filter((url) => !isOptimizer(url))
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
			const keep = `${PREFIX}-precache-${version}`;
			for (const key of await caches.keys())
				if (key.startsWith(`${PREFIX}-`) && key !== keep) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});
