// The home page's first download in few files (ARCHITECTURE.md "Performance budgets"):
// every module that `/` imports statically (the Svelte and Kit runtimes, the layout, the
// home page and what they import) goes into one shared chunk, instead of the 20-30 small
// chunks Rollup would cut along every page's shared imports. Other pages load that chunk
// too (they all need the runtimes) plus their own chunks; nothing reachable only through a
// dynamic import() joins it, so lazy features stay lazy.
import { resolve } from 'node:path';
import type { ManualChunkMeta } from 'rollup';
import type { Plugin } from 'vite';

export function homeChunk(): Plugin {
	return {
		name: 'studydeck-home-chunk',
		apply: 'build',
		configEnvironment(name) {
			if (name !== 'client') return;
			const kitOut = resolve(process.env.KIT_OUT_DIR ?? '.svelte-kit');
			const entries = [
				resolve('node_modules/@sveltejs/kit/src/runtime/client/entry.js'),
				`${kitOut}/generated/client-optimized/app.js`,
				`${kitOut}/generated/client-optimized/nodes/0.js`,
				`${kitOut}/generated/client-optimized/nodes/2.js`
			];
			let home: Set<string> | undefined;
			const closure = (meta: ManualChunkMeta) => {
				const seen = new Set<string>();
				const stack = [...entries];
				while (stack.length) {
					const id = stack.pop()!;
					if (seen.has(id)) continue;
					seen.add(id);
					stack.push(...(meta.getModuleInfo(id)?.importedIds ?? []));
				}
				for (const id of entries) seen.delete(id);
				return seen;
			};
			return {
				build: {
					sourcemap: !!process.env.SOURCEMAP,
					rollupOptions: {
						output: {
							manualChunks(id, meta) {
								home ??= closure(meta);
								return home.has(id) ? 'home' : undefined;
							}
						}
					}
				}
			};
		}
	};
}
