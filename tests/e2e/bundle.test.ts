// The study path stays light (ARCHITECTURE.md "Performance budgets"): `/` must not load the scheduler library, the
// schema validator, importers or the NLP library, and stays within its size budget.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { homeAssets } from '../../scripts/bench/bundle.bench.ts';
import { ROOT } from './harness.ts';

const buildDir = resolve(ROOT, process.env.BUILD_DIR ?? 'build');
const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
const scripts = homeAssets(html).js.map((href) =>
	readFileSync(join(buildDir, href.replace(/^(\.\.?\/)+/, '')), 'utf8')
);

describe('the JavaScript that / loads', () => {
	test.each([
		['ts-fsrs', 'Date.prototype.scheduler'],
		['valibot', 'strict_object'],
		['the GIFT importer', '$CATEGORY'],
		['compromise', 'compromise'],
		// The live classroom client loads with import() on /class/ only.
		['Yjs', 'Yjs was already imported'],
		['the Hocuspocus provider', 'HocuspocusProvider::']
	])('does not include %s', (_name, marker) => {
		expect(scripts.filter((s) => s.includes(marker))).toEqual([]);
	});

	// 52.5 KB in 31 files before the home chunk (scripts/lib/home-chunk.ts); 44.4 KB in 5 after;
	// 45.2 KB with the review tallies' migration, which every database open may need; 42.7 KB
	// with only the runtime home uses, minified by Terser; 39.2 KB once no page spread
	// attributes or props and home's modules stopped carrying other pages' code. This is the
	// budget itself (npm run bench prints the figure).
	test('is within 40 KB gzip, in at most 12 files', () => {
		const kb = scripts.reduce((sum, s) => sum + gzipSync(s, { level: 9 }).length, 0) / 1024;
		expect(kb).toBeLessThanOrEqual(40);
		expect(scripts.length).toBeLessThanOrEqual(12);
	});
});

describe('the JavaScript the study page loads first', () => {
	const page = join(buildDir, 'study/ttp-peace-talks/index.html');
	const study = homeAssets(readFileSync(page, 'utf8')).js.map((href) =>
		readFileSync(resolve(dirname(page), href), 'utf8')
	);

	// Storage's barrel re-exports backup and check, which validate with valibot (7 KB gzip).
	test('does not include valibot', () => {
		expect(study.length).toBeGreaterThan(5);
		expect(study.filter((s) => s.includes('strict_object'))).toEqual([]);
	});

	// Its card needs all of them, and on a slow network each file holds a connection the
	// others share (scripts/lib/home-chunk.ts): 24 files showed the card at 2.15 s in
	// Lighthouse's simulation, 9 at 1.73 s.
	test('is at most 9 files', () => {
		expect(study.length).toBeLessThanOrEqual(9);
	});
});

// The set page and the quiz setup fetch their set on hydration (src/hooks.server.ts): with the
// set inlined, their HTML was 15.5 and 16.7 KB compressed, past a first round trip's worth.
describe('the set page and the quiz setup', () => {
	test.each(['sets/ttp-peace-talks/index.html', 'quiz/ttp-peace-talks/index.html'])(
		'%s does not carry the set, and fits a first round trip compressed',
		(page) => {
			const text = readFileSync(join(buildDir, page), 'utf8');
			expect(text).not.toContain('data-url="/data/sets/ttp-peace-talks.json"');
			// The index of sets (1 KB) stays: the catalog looks a set up in it first.
			expect(text).toContain('data-url="/data/sets.json"');
			expect(brotliCompressSync(text).length).toBeLessThanOrEqual(8 * 1024);
		}
	);

	test('the study page still carries it: its card needs the set', () => {
		const text = readFileSync(join(buildDir, 'study/ttp-peace-talks/index.html'), 'utf8');
		expect(text).toContain('data-url="/data/sets/ttp-peace-talks.json"');
	});
});

describe('every page', () => {
	// Kit imports the root error page at start on every page; unpreloaded, it was the study
	// page's last request before its card.
	test('preloads the error page', () => {
		const app = readdirSync(join(buildDir, '_app/immutable/nodes'));
		const errorPage = app.find((f) => /^1\.[\w-]+\.js$/.test(f));
		expect(errorPage).toBeDefined();
		for (const page of ['index.html', 'study/ttp-peace-talks/index.html', '200.html'])
			expect(readFileSync(join(buildDir, page), 'utf8')).toContain(`nodes/${errorPage}`);
	});
});

// A module a page imports statically but does not preload is asked for only once its importer
// has arrived and been parsed: one more round trip before the page can show anything.
describe('every prerendered page', () => {
	const pages = walk(buildDir).filter((f) => f.endsWith('.html'));
	// The SPA fallback (200.html) links from the site's root, prerendered pages relatively.
	const fileOf = (from: string, spec: string) =>
		spec.startsWith('/') ? join(buildDir, spec) : resolve(dirname(from), spec);

	test.each(pages.map((p) => [relative(buildDir, p), p]))(
		'%s preloads every module it imports statically',
		(_name, page) => {
			const text = readFileSync(page, 'utf8');
			const { js } = homeAssets(text);
			const preloaded = new Set(js.map((href) => fileOf(page, href)));
			const missing = new Set<string>();
			const stack = [...preloaded];
			const seen = new Set<string>();
			while (stack.length) {
				const file = stack.pop()!;
				if (seen.has(file)) continue;
				seen.add(file);
				if (!preloaded.has(file)) missing.add(relative(buildDir, file));
				for (const m of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT))
					stack.push(fileOf(file, m[1]!));
			}
			expect(js.length).toBeGreaterThan(0);
			expect([...missing]).toEqual([]);
		}
	);
});

/** `import … from "./x.js"` and `import "./x.js"`, minified; not `import("./x.js")`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g;

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
		d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]
	);
}
