// Every module a page imports statically gets its <link rel="modulepreload">
// (ARCHITECTURE.md "Performance budgets"). Kit lists a page's preloads by walking Vite's
// client manifest with one "seen" set for static and dynamic imports alike, so a chunk first
// met as the dynamic import of an earlier chunk (the layout's lazy notices, the database's
// migrations) is never listed when a later chunk imports it statically: the browser asks for
// it only after its importer has arrived, one round trip late. Kit needs the manifest's
// dynamic imports only for the CSS of lazy components rendered on the server, which this
// app never does, so they are dropped from the manifest Kit reads.
//
// Kit also imports the root error page (nodes/1) on every page at start, once the home
// chunk has run: a request one round trip after everything else, and the study page's
// last before its card (home-chunk.ts). The layout (nodes/0) lists it as an import here,
// so every page preloads it with the rest.
// `tests/e2e/bundle.test.ts` checks every prerendered page.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export function staticPreloads(): Plugin {
	return {
		name: 'studydeck-static-preloads',
		apply: 'build',
		writeBundle(options) {
			if (this.environment.name !== 'client' || !options.dir) return;
			const file = join(options.dir, '.vite/manifest.json');
			const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<
				string,
				{ dynamicImports?: string[]; imports?: string[] }
			>;
			for (const chunk of Object.values(manifest)) delete chunk.dynamicImports;
			const key = (n: number) =>
				Object.keys(manifest).find((k) => k.endsWith(`/generated/client-optimized/nodes/${n}.js`));
			const layout = key(0);
			const errorPage = key(1);
			if (!layout || !errorPage) throw new Error('static preloads: no root layout or error page');
			(manifest[layout]!.imports ??= []).push(errorPage);
			writeFileSync(file, JSON.stringify(manifest, null, 2));
		}
	};
}
