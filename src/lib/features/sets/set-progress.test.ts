// /sets/<set>/ and /stats/ read mastery from one definition (core/srs/stats.ts): on the same
// stored progress they must show the same numbers for a set.
import { describe, expect, it } from 'vitest';
import { importBackup } from '$lib/platform/storage';
import { sampleBackup } from '$lib/platform/storage/backup-fixture';
import { BUNDLED, BUNDLED_QUESTIONS, NOW, testDeps } from '$lib/platform/test-deps';
import { StatsPage } from '$lib/features/stats/stats-page.svelte';
import { SetProgressPage } from './set-progress.svelte';

describe('mastery', () => {
	it('is the same on the set page and on the stats page', async () => {
		const deps = testDeps();
		const db = await deps.db();
		// Progress on four of the six questions, made by the real scheduler over weeks.
		const backup = sampleBackup({
			now: NOW,
			setId: BUNDLED.id,
			questionIds: BUNDLED_QUESTIONS.slice(0, 4)
		});
		await importBackup(db, JSON.stringify(backup));

		const set = await deps.catalog.get(BUNDLED.id);
		const page = new SetProgressPage(set!, deps);
		await page.load();
		const stats = new StatsPage(deps);
		await stats.load();
		const view = stats.current;
		expect(view.kind).toBe('ready');
		if (view.kind !== 'ready') return;
		const row = view.data.sets.find((s) => s.setId === BUNDLED.id)!;

		expect(page.mastery).not.toBeNull();
		const { title: _t, origin: _o, ...fromStats } = row;
		expect(page.mastery).toEqual(fromStats);
		expect(page.mastery!.total).toBe(6);
		expect(page.mastery!.studied).toBe(4);
		expect(page.mastery!.fresh).toBe(2);
		expect(page.mastery!.mastered + page.mastery!.learning).toBe(4);
	});
});
