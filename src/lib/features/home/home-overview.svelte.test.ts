import { describe, expect, it } from 'vitest';
import { answerCard, DEFAULT_SETTINGS, newCard, Rating } from '$lib/core/srs';
import { openDb, putAttempt, putSrsSettings, recordAnswer, type Db } from '$lib/platform/storage';
import { HomeOverview } from './home-overview.svelte';
import type { Catalog } from '$lib/platform/catalog/catalog';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;

const summary = (id: string, questionCount: number) => ({
	id,
	version: 1,
	title: `Set ${id}`,
	questionCount
});

function overview(db: Db, now = T0) {
	return new HomeOverview([summary('bio', 10)], {
		open: async () => db,
		showError: () => 'failed',
		now: () => now,
		offsetMinutes: () => 0,
		catalog: {
			device: async () => [
				{ ...summary('mine', 3), origin: 'authored' },
				{ ...summary('bio', 99), origin: 'imported' } // never hides the bundled one
			]
		} as Pick<Catalog, 'device'> as Catalog
	});
}

describe('HomeOverview', () => {
	it('counts due and new per set and today, and lists finished quizzes', async () => {
		const db = await openDb();
		await putSrsSettings(db, { newPerDay: 5 });
		// bio: q1 learning (due 10 min after 08:00), q2 easy (due in days). Both new today.
		const at = T0 - HOUR;
		await recordAnswer(db, answerCard(newCard('q1', 'bio', at), Rating.Good, at, DEFAULT_SETTINGS));
		await recordAnswer(db, answerCard(newCard('q2', 'bio', at), Rating.Easy, at, DEFAULT_SETTINGS));
		await putAttempt(db, {
			id: 'a1',
			setId: 'bio',
			startedAt: T0 - 2 * HOUR,
			finishedAt: T0 - HOUR,
			score: 7,
			maxScore: 8,
			answers: [],
			questions: []
		});
		await putAttempt(db, {
			id: 'a2',
			setId: 'gone',
			startedAt: T0 - 3 * HOUR,
			finishedAt: T0 - 3 * HOUR,
			score: 0,
			maxScore: 0,
			answers: [],
			questions: []
		});
		await putAttempt(db, {
			id: 'a3',
			setId: 'bio',
			startedAt: T0,
			finishedAt: null,
			score: 0,
			maxScore: 4,
			answers: [],
			questions: []
		});

		const home = overview(db);
		expect(home.status.kind).toBe('loading');
		expect(home.sets.map((s) => s.id)).toEqual(['bio']);
		await home.load();
		expect(home.status.kind).toBe('ready');
		expect(home.sets.map((s) => `${s.id}:${s.origin}`)).toEqual(['bio:bundled', 'mine:authored']);
		expect(home.counts).toEqual({ bio: { due: 1, new: 8 }, mine: { due: 0, new: 3 } });
		// 11 unstudied, but only 3 more new cards today (5 − 2).
		expect(home.today).toEqual({ due: 1, new: 3 });
		expect(home.total).toBe(4);
		// The other 8 wait for tomorrow: home says why instead of a bare "all done".
		expect(home.newHeldBack).toBe(8);
		expect(home.newPerDay).toBe(5);
		expect(home.recent).toEqual([
			{ id: 'a1', setId: 'bio', title: 'Set bio', percent: 88, at: T0 - HOUR },
			{ id: 'a2', setId: 'gone', title: 'gone', percent: 0, at: T0 - 3 * HOUR }
		]);
	});

	it('reports a storage failure and still finishes loading', async () => {
		const home = new HomeOverview([summary('bio', 1)], {
			open: () => Promise.reject(new Error('x')),
			showError: () => 'failed'
		});
		await home.load();
		expect(home.status).toEqual({ kind: 'error', message: 'failed' });
		expect(home.counts).toEqual({});
	});
});
