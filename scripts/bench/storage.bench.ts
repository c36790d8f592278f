// Storage budgets (ARCHITECTURE.md "Performance budgets") measured in real Chromium IndexedDB: answer → persisted
// p95 and the due queue at 100,000 cards. The browser code is bundled from
// storage-entry.ts and served from 127.0.0.1, since IndexedDB needs a real origin.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Bench } from './types';

const ANSWERS = 500;
const CARDS = 100_000;
const SESSION_LIMIT = 200;
const QUEUE_RUNS = 30;

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

const bench: Bench = async (ctx) => {
	const bundle = await build({
		entryPoints: [join(ctx.root, 'scripts/bench/storage-entry.ts')],
		bundle: true,
		format: 'esm',
		platform: 'browser',
		target: 'es2022',
		write: false,
		minify: true
	});
	const js = bundle.outputFiles[0]!.text;
	const server = createServer((req, res) => {
		if (req.url === '/entry.js') {
			res.writeHead(200, { 'content-type': 'text/javascript' });
			res.end(js);
		} else {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<!doctype html><script type="module" src="/entry.js"></script>');
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	const browser = await chromium.launch({
		executablePath: ctx.chromiumPath,
		args: [
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	try {
		const page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${port}/`);
		await page.waitForFunction(() => 'storageBench' in globalThis);
		type Api = {
			answers(n: number): Promise<number[]>;
			dueQueue(total: number, limit: number, runs: number): Promise<number[]>;
		};
		const answerTimes = await page.evaluate(
			(n) => (globalThis as unknown as { storageBench: Api }).storageBench.answers(n),
			ANSWERS
		);
		const queueTimes = await page.evaluate(
			([total, limit, runs]) =>
				(globalThis as unknown as { storageBench: Api }).storageBench.dueQueue(total, limit, runs),
			[CARDS, SESSION_LIMIT, QUEUE_RUNS] as const
		);
		return [
			{
				metric: 'srs.answer_persist_ms_p95',
				value: round(percentile(answerTimes, 95)),
				unit: 'ms',
				budget: { max: 10 }
			},
			{
				metric: 'srs.due_queue_ms_p50',
				value: round(percentile(queueTimes, 50)),
				unit: 'ms',
				budget: { max: 50 }
			}
		];
	} finally {
		await browser.close();
		server.close();
	}
};

export default bench;
