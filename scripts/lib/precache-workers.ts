// A Vite plugin that names the app's Worker scripts in the client manifest. SvelteKit
// builds the service worker's precache list (`build` from $service-worker) from that
// manifest, which otherwise omits files made by `new Worker(new URL(…))`; without this a
// Worker would be missing offline until it was first fetched online.
import type { Plugin } from 'vite';

export function precacheWorkers(): Plugin {
	return {
		name: 'studydeck:precache-workers',
		apply: 'build',
		enforce: 'post',
		generateBundle: {
			order: 'post',
			handler(_options, bundle) {
				const manifest = Object.values(bundle).find(
					(f) => f.type === 'asset' && f.fileName.endsWith('.vite/manifest.json')
				);
				if (!manifest || manifest.type !== 'asset') return;
				const workers = Object.values(bundle)
					.map((f) => f.fileName)
					.filter((name) => /\/workers\/[^/]+\.js$/.test(name));
				if (!workers.length) return;
				const data = JSON.parse(String(manifest.source)) as Record<string, { file: string }>;
				for (const file of workers) data[`_worker:${file}`] = { file };
				manifest.source = JSON.stringify(data, null, 2);
			}
		}
	};
}
