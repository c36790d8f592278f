// The home page's first download in few files (ARCHITECTURE.md "Performance budgets"):
// every module that `/` imports statically (the Svelte and Kit runtimes, the layout, the
// home page and what they import) goes into one shared chunk, instead of the 20-30 small
// chunks Rollup would cut along every page's shared imports. Other pages load that chunk
// too (they all need the runtimes) plus their own chunks; nothing reachable only through a
// dynamic import() joins it, so lazy features stay lazy.
//
// Svelte's compiled components import its whole client runtime through one barrel
// (`svelte/internal/client`), so "imported by home" would take every runtime module any
// page uses (input bindings, <svelte:element>, ...). Through that barrel the closure follows
// only the names home's modules use (`$.name`); the rest of the runtime goes to a `svelte`
// chunk that the other pages load. Rollup still decides what home must import, so a name
// missed here costs a file in home's download, never a broken page, and the build stops
// with an error when that happens (checkHomeImports below).
//
// Rollup keeps in a module's chunk every function any page uses, so each runtime module in
// the closure brings its whole used part along, not only home's share. Two kinds of runtime
// module are reached from home's modules only through code production never runs for home,
// and would cost home 2.2 KB raw (0.75 KB gzip) if followed:
// - Svelte's `dev/` helpers, called only under `if (DEV)`, which the build removes. One of
//   them brings the `$state.snapshot` code the quiz uses.
// - the `<select>` bindings, which `attributes.js` imports for attribute spreading
//   (`{...props}`, `<svelte:element>`), which no page uses. Other pages bind selects.
//
// The study page is the one page whose content needs its JavaScript (the card comes from
// this device's database), so its first visit waits for every chunk it imports. Cut along
// each set of pages that share a module, that was 20 small files beside the home chunk,
// and on a slow phone network (Lighthouse's) each one held a connection the home chunk's
// download shared: the card showed at 2.15 s simulated. Its modules go into two chunks,
// `study` (only the study pages use them) and `study-common` (other pages use them too),
// for 9 files and 1.73 s. Other pages that use a `study-common` module load that chunk
// (sets 58 → 71 KB, author 75 → 87 KB, the rest within 4 KB); once the service worker is
// installed, every chunk comes from its cache.
//
// Kit imports the error page (nodes/1) at start on every page, after this chunk has run:
// it goes in here, so only its two-line facade is left for that late request, and
// static-preloads.ts preloads that facade with the page.
import { dirname, resolve } from 'node:path';
import type { ManualChunkMeta, OutputBundle, OutputChunk, PluginContext } from 'rollup';
import type { Plugin } from 'vite';

/** Svelte's runtime: what home does not use goes to the `svelte` chunk. */
const isSvelte = (id: string) => id.includes('/node_modules/svelte/src/');

const NOT_HOME = [/\/svelte\/src\/internal\/client\/dev\//, /\/bindings\/select\.js$/];

export function homeChunk(): Plugin {
	let entries: string[] = [];
	return {
		name: 'studydeck-home-chunk',
		apply: 'build',
		generateBundle(_, bundle) {
			if (this.environment.name === 'client') checkHomeImports(bundle, entries, this);
		},
		configEnvironment(name) {
			if (name !== 'client') return;
			const kitOut = resolve(process.env.KIT_OUT_DIR ?? '.svelte-kit');
			const node = (n: number) => `${kitOut}/generated/client-optimized/nodes/${n}.js`;
			entries = [
				resolve('node_modules/@sveltejs/kit/src/runtime/client/entry.js'),
				`${kitOut}/generated/client-optimized/app.js`,
				node(0),
				node(2)
			];
			const barrel = resolve('node_modules/svelte/src/internal/client/index.js');
			let chunks: Map<string, string> | undefined;
			let reexports: Map<string, string> | undefined;
			const closure = (meta: ManualChunkMeta, from: readonly string[]) => {
				const exported = (reexports ??= barrelExports(
					meta.getModuleInfo(barrel)?.code ?? '',
					barrel
				));
				const seen = new Set<string>();
				const stack = [...from];
				while (stack.length) {
					const id = stack.pop()!;
					if (seen.has(id) || NOT_HOME.some((re) => re.test(id))) continue;
					seen.add(id);
					const info = meta.getModuleInfo(id);
					if (!info || id === barrel) continue;
					for (const dep of info.importedIds) {
						if (dep !== barrel) stack.push(dep);
						else
							for (const name of runtimeNames(info.code ?? '')) {
								const from = exported.get(name);
								if (from) stack.push(from);
							}
					}
				}
				for (const id of from) seen.delete(id);
				seen.delete(barrel);
				return seen;
			};
			const assign = (meta: ManualChunkMeta) => {
				const out = new Map<string, string>();
				const home = closure(meta, [...entries, node(1)]);
				for (const id of home) out.set(id, 'home');
				out.set(node(1), 'home');
				const pages = [...meta.getModuleIds()].filter((id) => /\/nodes\/\d+\.js$/.test(id));
				// The nodes of /study/ and /study/[set]/ (Kit numbers them by route).
				const study = pages.filter((id) =>
					meta.getModuleInfo(id)?.importedIds.some((dep) => /\/src\/routes\/study\//.test(dep))
				);
				if (study.length !== 2)
					throw new Error(`home chunk: found ${study.length} study pages, not 2`);
				const others = closure(
					meta,
					pages.filter((id) => !study.includes(id))
				);
				for (const id of closure(meta, study)) {
					if (out.has(id) || isSvelte(id)) continue;
					out.set(id, others.has(id) ? 'study-common' : 'study');
				}
				return out;
			};
			return {
				build: {
					sourcemap: !!process.env.SOURCEMAP,
					// Terser packs the client 4 % tighter than esbuild (home: 44.4 → 42.7 KB gzipped)
					// for ~10 s more build time.
					minify: 'terser',
					terserOptions: { module: true, ecma: 2020 },
					rollupOptions: {
						output: {
							manualChunks(id, meta) {
								chunks ??= assign(meta);
								const chunk = chunks.get(id);
								if (chunk) return chunk;
								return isSvelte(id) ? 'svelte' : undefined;
							}
						}
					}
				}
			};
		}
	};
}

/**
 * Fails the build when `/` would load more than its entries and the home chunk: a module
 * in NOT_HOME (or missed by the closure) that home now uses puts a second shared chunk in
 * every visit's download.
 */
function checkHomeImports(
	bundle: OutputBundle,
	entries: readonly string[],
	ctx: Pick<PluginContext, 'error' | 'getModuleInfo'>
): void {
	const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
	const byFile = new Map(chunks.map((c) => [c.fileName, c]));
	const stack = chunks.filter((c) => c.facadeModuleId && entries.includes(c.facadeModuleId));
	if (stack.length !== entries.length)
		ctx.error(`home chunk: found ${stack.length} of ${entries.length} entries`);
	const seen = new Set<OutputChunk>(stack);
	for (let i = 0; i < stack.length; i++) {
		const chunk = stack[i]!;
		for (const file of chunk.imports) {
			const dep = byFile.get(file)!;
			if (seen.has(dep)) continue;
			if (dep.name !== 'home') {
				const needed = Object.keys(chunk.modules).flatMap((id) =>
					(ctx.getModuleInfo(id)?.importedIds ?? []).filter((d) => d in dep.modules)
				);
				ctx.error(
					`/ now loads the chunk "${dep.name}" besides the home chunk, for ` +
						`${[...new Set(needed)].join(', ')}: NOT_HOME in scripts/lib/home-chunk.ts ` +
						'holds a module home uses, or the closure missed a runtime name.'
				);
			}
			seen.add(dep);
			stack.push(dep);
		}
	}
}

/** Which module each name of Svelte's client runtime barrel comes from. */
function barrelExports(code: string, file: string): Map<string, string> {
	const map = new Map<string, string>();
	for (const m of code.matchAll(/export\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
		const from = resolve(dirname(file), m[2]!);
		for (const spec of m[1]!.split(',')) {
			const name = spec
				.trim()
				.split(/\s+as\s+/)
				.pop();
			if (name) map.set(name, from);
		}
	}
	return map;
}

/** The runtime names a compiled module uses: `$.name` (Svelte's output) or `{ name }` imports. */
function runtimeNames(code: string): Set<string> {
	const names = new Set<string>();
	for (const m of code.matchAll(/\$\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
	for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]svelte\/internal\/client['"]/g))
		for (const spec of m[1]!.split(',')) names.add(spec.trim().split(/\s+as\s+/)[0]!);
	return names;
}
