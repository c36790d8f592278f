// The study path stays light (ARCHITECTURE.md "Performance budgets"): `/` must not load the scheduler library, the
// schema validator, importers or the NLP library, and stays within its size budget.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
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
	// 45.7 KB with the review tallies' migration, which every database open may need. The
	// budget is 40 KB (npm run bench); this guard catches regressions.
	test('is within 46 KB gzip, in at most 12 files', () => {
		const kb = scripts.reduce((sum, s) => sum + gzipSync(s, { level: 9 }).length, 0) / 1024;
		expect(kb).toBeLessThanOrEqual(46);
		expect(scripts.length).toBeLessThanOrEqual(12);
	});
});
