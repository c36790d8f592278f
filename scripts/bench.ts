// `npm run bench`: builds, then runs every scripts/bench/*.bench.ts and prints one JSON
// object per metric per line: {"metric":…,"value":…,"unit":…}. Budgets are shown, and a
// summary line on stderr says which are over; the exit code stays 0 unless a bench crashed,
// because speed on a shared machine is a figure to read, not a test to flake.
import { readdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { Bench, Metric } from './bench/types.ts';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);

if (!process.env.BENCH_NO_BUILD) {
	const build = spawnSync('npx', ['vite', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (build.status !== 0) {
		console.error('bench: the build failed');
		process.exit(1);
	}
}

const files = readdirSync(join(root, 'scripts/bench'))
	.filter((f) => f.endsWith('.bench.ts'))
	.filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
	.sort();

const over: string[] = [];
let crashed = false;
for (const f of files) {
	const mod = (await import(pathToFileURL(join(root, 'scripts/bench', f)).href)) as {
		default: Bench;
	};
	let metrics: Metric[];
	const started = performance.now();
	try {
		metrics = await mod.default({
			root,
			buildDir: join(root, 'build'),
			chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium'
		});
	} catch (e) {
		console.error(`bench ${f} failed: ${(e as Error).stack ?? e}`);
		crashed = true;
		continue;
	}
	console.error(`bench ${f}: ${Math.round((performance.now() - started) / 1000)} s`);
	for (const m of metrics) {
		console.log(JSON.stringify(m));
		const { max, min } = m.budget ?? {};
		if ((max !== undefined && m.value > max) || (min !== undefined && m.value < min))
			over.push(`${m.metric}=${m.value} (budget ${max !== undefined ? `≤ ${max}` : `≥ ${min}`})`);
	}
}
console.error(over.length ? `over budget: ${over.join(', ')}` : 'all figures within budget');
process.exit(crashed ? 1 : 0);
