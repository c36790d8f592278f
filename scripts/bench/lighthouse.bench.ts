// Lighthouse, mobile preset (its default), on the production build of `/` served locally.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { startServer } from '../lib/server.ts';
import { CHROMIUM_FLAGS } from '../../tests/e2e/chromium.ts';
import type { Bench, Metric } from './types.ts';

// Issue 15 asks for 100 / 100 / 100 on each of these.
const PAGES = ['', 'sets/ttp-peace-talks/', 'study/ttp-peace-talks/', 'quiz/ttp-peace-talks/'];

const bench: Bench = async ({ buildDir, chromiumPath }) => {
	const server = await startServer({ dir: buildDir, port: 0 });
	const chrome = await chromeLauncher.launch({
		chromePath: chromiumPath,
		chromeFlags: CHROMIUM_FLAGS
	});
	const metrics: Metric[] = [];
	try {
		for (const path of PAGES) {
			const result = await lighthouse(
				server.url + path,
				{ port: chrome.port, output: 'json', logLevel: 'error' },
				undefined
			);
			if (!result) throw new Error(`lighthouse returned nothing for /${path}`);
			const { categories, audits } = result.lhr;
			const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
			const suffix = path ? `.${path.split('/')[0]}` : '';
			metrics.push(
				{
					metric: `lighthouse${suffix}.performance`,
					value: score('performance'),
					unit: 'score',
					budget: { min: 100 }
				},
				{
					metric: `lighthouse${suffix}.accessibility`,
					value: score('accessibility'),
					unit: 'score',
					budget: { min: 100 }
				},
				{
					metric: `lighthouse${suffix}.best_practices`,
					value: score('best-practices'),
					unit: 'score',
					budget: { min: 100 }
				}
			);
			const failing = Object.values(audits)
				.filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary')
				.map((a) => a.id);
			if (failing.length)
				console.error(`lighthouse: failing audits on /${path}: ${failing.join(', ')}`);
			if (!path) {
				const lcp = audits['largest-contentful-paint']?.numericValue ?? 0;
				metrics.push({ metric: 'lighthouse.lcp_ms', value: Math.round(lcp), unit: 'ms' });
			}
		}
	} finally {
		chrome.kill();
		await server.close();
	}
	return metrics;
};

export default bench;
