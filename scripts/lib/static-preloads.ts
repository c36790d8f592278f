// Every module a page imports statically gets its <link rel="modulepreload">
// (ARCHITECTURE.md "Performance budgets"). Kit lists a page's preloads by walking Vite's
// client manifest with one "seen" set for static and dynamic imports alike, so a chunk first
// met as the dynamic import of an earlier chunk (the layout's lazy notices, the database's
// migrations) is never listed when a later chunk imports it statically: the browser asks for
// it only after its importer has arrived, one round trip late. Kit needs the manifest's
// dynamic imports only for the CSS of lazy components rendered on the server, which this
// app never does, so they are dropped from the manifest Kit reads.
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
				{ dynamicImports?: string[] }
			>;
			for (const chunk of Object.values(manifest)) delete chunk.dynamicImports;
			writeFileSync(file, JSON.stringify(manifest, null, 2));
		}
	};
}
