// The dependency rule of ARCHITECTURE.md, checked mechanically: each layer imports only
// the layers below it, only the storage layer imports idb, and the pure core reads no
// clock and no randomness of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { compile } from 'svelte/compiler';
import { describe, expect, test } from 'vitest';

const LIB = join(import.meta.dirname, 'lib');
const LAYERS = ['core', 'platform', 'ui', 'features', 'server'] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import from src/lib (besides itself). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
	core: [],
	platform: ['core'],
	ui: ['core'],
	features: ['core', 'platform', 'ui'],
	server: ['core', 'platform']
};

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? files(join(dir, e.name))
			: /\.(ts|svelte)$/.test(e.name)
				? [join(dir, e.name)]
				: []
	);
}

const all = files(LIB).map((abs) => {
	const rel = relative(LIB, abs).split('\\').join('/');
	const text = readFileSync(abs, 'utf8');
	const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
	return { rel, text, specs, layer: rel.split('/')[0] as Layer };
});

/** The src/lib path an import points to, or undefined for a package. */
function target(from: string, spec: string): string | undefined {
	if (spec.startsWith('$lib/')) return spec.slice(5);
	if (spec.startsWith('.')) return posix.normalize(posix.join(posix.dirname(from), spec));
	return undefined;
}

describe('architecture', () => {
	test('every file in src/lib sits in a layer', () => {
		const stray = all.filter((f) => !LAYERS.includes(f.layer)).map((f) => f.rel);
		expect(stray).toEqual([]);
	});

	test('each layer imports only the layers below it', () => {
		const wrong: string[] = [];
		for (const f of all) {
			for (const spec of f.specs) {
				const t = target(f.rel, spec);
				// Tests may read repository fixtures outside src/lib (e.g. the CLI's file reader).
				if (t === undefined || (t.startsWith('..') && f.rel.endsWith('.test.ts'))) continue;
				const to = t.split('/')[0] as Layer;
				if (to !== f.layer && !ALLOWED[f.layer]?.includes(to)) wrong.push(`${f.rel} → ${spec}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	test('the pure core imports no browser, framework or storage package', () => {
		const wrong = all
			.filter((f) => f.layer === 'core')
			.flatMap((f) =>
				f.specs
					.filter((s) => /^(\$app|svelte|idb|workbox|\$service-worker)/.test(s))
					.map((s) => `${f.rel} → ${s}`)
			);
		expect(wrong).toEqual([]);
	});

	test('only the storage layer imports idb', () => {
		const wrong = all
			.filter((f) => f.specs.includes('idb') && !f.rel.startsWith('platform/storage/'))
			.map((f) => f.rel);
		expect(wrong).toEqual([]);
	});

	test('the pure core takes time and randomness as arguments', () => {
		const wrong = all
			.filter((f) => f.layer === 'core' && !f.rel.endsWith('.test.ts'))
			.filter((f) => /Date\.now\(|Math\.random\(|new Date\(\)/.test(f.text))
			.map((f) => f.rel);
		expect(wrong).toEqual([]);
	});

	test('the pure core touches no DOM or browser storage', () => {
		const wrong = all
			.filter((f) => f.layer === 'core' && !f.rel.endsWith('.test.ts'))
			.filter((f) =>
				/\b(document|window|localStorage|sessionStorage|navigator|indexedDB)\.|URL\.createObjectURL/.test(
					f.text
				)
			)
			.map((f) => f.rel);
		expect(wrong).toEqual([]);
	});

	test('components and routes never touch storage directly', () => {
		const routes = files(join(LIB, '..', 'routes')).map((abs) => ({
			rel: relative(LIB, abs).split('\\').join('/'),
			text: readFileSync(abs, 'utf8')
		}));
		const svelte = [
			...all.filter((f) => f.rel.endsWith('.svelte')),
			...routes.filter((f) => f.rel.endsWith('.svelte'))
		];
		const wrong = svelte
			.filter((f) => /from ['"]\$lib\/platform\/storage/.test(f.text))
			.map((f) => f.rel);
		expect(wrong).toEqual([]);
	});

	test('cards are written only where their counts are kept (writeCards) or rebuilt', () => {
		// A restore, the migrations and Check database rebuild the counts from the cards; a
		// set's deletion deletes its counts with its cards. Anything else goes through
		// storage/card-writes.ts (which takes a card out of its pack with
		// packed-cards.ts), so Home's and Stats' counts never drift, and a card is never
		// both in a pack and in the store.
		const REBUILD = [
			'card-writes.ts',
			'packed-cards.ts',
			'backup.ts',
			'migrations.ts',
			'check.ts',
			'set-delete.ts'
		];
		const wrong = all
			// Tests, and their helpers that damage data on purpose, may write anything.
			.filter(
				(f) => f.rel.startsWith('platform/storage/') && !/(\.test|test-helpers)\.ts$/.test(f.rel)
			)
			.filter((f) => !REBUILD.some((name) => f.rel.endsWith(`/${name}`)))
			.filter(
				(f) =>
					/objectStore\(['"](cards|cardPacks)['"]\)\s*\.(put|add|delete|clear)\(/.test(f.text) ||
					/\.(put|add|delete)\(['"](cards|cardPacks)['"]/.test(f.text)
			)
			.map((f) => f.rel);
		expect(wrong).toEqual([]);
	});
});

describe('the home page budget (ARCHITECTURE.md "Performance budgets")', () => {
	// Rollup keeps a runtime function in the chunk of the module that defines it, and the
	// runtime modules `/` needs sit in the chunk every page loads. So a Svelte feature any
	// page uses ships to `/` when its module is one home needs too. These cost about
	// 1 KB gzipped there (43.0 → 40.8 KB when the last uses went):
	const COSTLY: Record<string, string> = {
		attribute_effect: 'attribute spreading: {...attrs} on an element, or <svelte:element>',
		spread_props: 'props spread into a component: <C {...props} />; pass them by name',
		rest_props: 'rest props: let { a, ...rest } = $props(); name each prop',
		clsx: 'class={expr} with a non-string value; use class:name or a template literal'
	};

	test('no component uses a runtime feature that every page would download', () => {
		const components = [
			...all.filter((f) => f.rel.endsWith('.svelte')).map((f) => join(LIB, f.rel)),
			...files(join(LIB, '..', 'routes')).filter((f) => f.endsWith('.svelte'))
		];
		const wrong = components.flatMap((file) => {
			const source = readFileSync(file, 'utf8');
			const { js } = compile(source, { filename: file, generate: 'client', runes: true });
			return Object.keys(COSTLY)
				.filter((name) => js.code.includes(`$.${name}(`))
				.map((name) => `${relative(LIB, file)}: ${COSTLY[name]}`);
		});
		expect(wrong).toEqual([]);
	});
});
