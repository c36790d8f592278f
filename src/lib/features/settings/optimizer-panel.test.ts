import { describe, expect, it } from 'vitest';
import {
	getOptimizerRecord,
	getSrsSettings,
	importBackup,
	putSrsSettings
} from '$lib/platform/storage';
import { loadOptimizerInNode } from '$lib/core/srs/optimize/node-wasm';
import { optimizeFromLog } from '$lib/core/srs/optimize/train';
import type { OptimizeResult } from '$lib/core/srs/optimize/result';
import { reviewsSince } from '$lib/platform/storage';
import { OptimizerPanel, type Optimize } from './optimizer-panel.svelte';
import { syntheticBackup } from '$lib/platform/storage/backup-fixture';
import { NOW, testDeps } from '$lib/platform/test-deps';

const TRAINED = Array.from({ length: 21 }, (_, i) => (i === 20 ? 0.3 : 1 + i / 10));
const figures = (logLoss: number, rmse: number) => ({ logLoss, rmse, reviews: 900 });

function fake(better: boolean, calls: unknown[] = []): Optimize {
	return async (request) => {
		calls.push(request);
		return {
			reviews: 1500,
			scored: 900,
			parameters: TRAINED,
			current: figures(0.44, 0.14),
			trained: better ? figures(0.41, 0.11) : figures(0.45, 0.15),
			better,
			ms: 10
		} satisfies OptimizeResult;
	};
}

async function seeded(reviews: number) {
	const deps = testDeps();
	const db = await deps.db();
	await importBackup(db, JSON.stringify(syntheticBackup({ now: NOW, setId: 'syn', reviews })));
	return deps;
}

describe('OptimizerPanel', () => {
	it('is not offered below the minimum number of answers', async () => {
		const panel = new OptimizerPanel(await seeded(300), fake(true));
		await panel.load();
		expect(panel.view).toEqual({ kind: 'too-few', reviews: 300 });
		await panel.run();
		expect(panel.view.kind).toBe('too-few');
	});

	it('applies better parameters, records what they replaced, and can go back', async () => {
		const deps = await seeded(1200);
		const calls: unknown[] = [];
		const panel = new OptimizerPanel(deps, fake(true, calls));
		await panel.load();
		expect(panel.view).toEqual({ kind: 'ready', reviews: 1200 });
		expect(panel.parameters).toBeNull();
		await panel.run();
		expect(calls).toEqual([{ current: null, offsetMinutes: new Date(NOW).getTimezoneOffset() }]);
		expect(panel.view.kind).toBe('result');
		await panel.apply();
		const db = await deps.db();
		expect((await getSrsSettings(db)).parameters).toEqual(TRAINED);
		expect(await getOptimizerRecord(db)).toEqual({
			appliedAt: NOW,
			reviews: 1500,
			previous: null,
			before: { logLoss: 0.44, rmse: 0.14 },
			after: { logLoss: 0.41, rmse: 0.11 }
		});
		expect(panel.message).toMatch(/now uses the new parameters/);

		// A fresh panel (a reload) still knows how to go back.
		const again = new OptimizerPanel(deps, fake(true));
		await again.load();
		expect(again.parameters).toEqual(TRAINED);
		await again.revert();
		expect((await getSrsSettings(db)).parameters).toBeNull();
		expect(await getOptimizerRecord(db)).toBeUndefined();
		expect(again.message).toBe('Back to the default parameters.');
	});

	it('never applies parameters that predict worse', async () => {
		const deps = await seeded(1200);
		const panel = new OptimizerPanel(deps, fake(false));
		await panel.load();
		await panel.run();
		await panel.apply();
		expect((await getSrsSettings(await deps.db())).parameters).toBeNull();
		panel.discard();
		expect(panel.view.kind).toBe('ready');
	});

	it('going back restores earlier personal parameters, and keeps other settings', async () => {
		const deps = await seeded(1200);
		const db = await deps.db();
		const earlier = TRAINED.map((w, i) => (i === 20 ? 0.2 : w * 2));
		await putSrsSettings(db, { parameters: earlier, newPerDay: 7 });
		const panel = new OptimizerPanel(deps, fake(true));
		await panel.load();
		await panel.run();
		await panel.apply();
		expect(await getSrsSettings(db)).toMatchObject({ parameters: TRAINED, newPerDay: 7 });
		await panel.revert();
		expect(await getSrsSettings(db)).toMatchObject({ parameters: earlier, newPerDay: 7 });
	});

	it('says plainly when the optimiser fails, and changes nothing', async () => {
		const deps = await seeded(1200);
		const panel = new OptimizerPanel(deps, async () => {
			throw new Error('out of memory');
		});
		await panel.load();
		await panel.run();
		expect(panel.view).toEqual({
			kind: 'error',
			message: 'The optimiser stopped: out of memory. Nothing was changed.'
		});
		expect((await getSrsSettings(await deps.db())).parameters).toBeNull();
	});

	it(
		'with the real optimiser on a synthetic student, finds better parameters',
		{
			timeout: 60_000
		},
		async () => {
			const deps = await seeded(1500);
			const wasm = await loadOptimizerInNode();
			const panel = new OptimizerPanel(deps, async ({ current, offsetMinutes }) =>
				optimizeFromLog(wasm, await reviewsSince(await deps.db(), 0), current, { offsetMinutes })
			);
			await panel.load();
			await panel.run();
			if (panel.view.kind !== 'result') throw new Error(`no result: ${JSON.stringify(panel.view)}`);
			expect(panel.view.result.better).toBe(true);
			await panel.apply();
			expect((await getSrsSettings(await deps.db())).parameters).toEqual(panel.parameters);
			expect(panel.parameters).toHaveLength(21);
		}
	);
});
