import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// BASE_PATH lets a classroom serve the build from a sub-path (e.g. /studydeck).
const base = /** @type {'' | `/${string}`} */ ((process.env.BASE_PATH ?? '').replace(/\/$/, ''));
if (base && !base.startsWith('/')) throw new Error(`BASE_PATH must start with "/", got "${base}"`);

const buildDir = process.env.BUILD_DIR ?? 'build';

// The config is evaluated again in Kit's prerender worker; the version must be one value per
// build or the fallback page and the client bundle disagree. The env var is inherited.
process.env.STUDYDECK_VERSION ??= Date.now().toString(36);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// BUILD_DIR / KIT_OUT_DIR let several builds exist side by side (e2e of two versions).
		adapter: adapter({
			pages: buildDir,
			assets: buildDir,
			fallback: '200.html',
			strict: true,
			// .gz and .br beside each file: npm start serves them to slow phone networks.
			precompress: true
		}),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		// Inline small CSS: one less render-blocking request on a slow phone network.
		inlineStyleThreshold: 12_000,
		paths: { base, relative: true },
		// The app registers the worker itself through workbox-window (DESIGN.md §5).
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// wasm-unsafe-eval lets WebAssembly compile (SQLite for Anki decks); JS eval stays off.
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		version: { name: process.env.STUDYDECK_VERSION }
	}
};

export default config;
