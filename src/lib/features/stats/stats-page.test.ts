import { describe, expect, it } from 'vitest';
import { importBackup, putSrsSettings } from '$lib/platform/storage';
import {
	dayKey,
	dayNumber,
	retentionByAge,
	reviewsPerDay,
	startOfDay,
	State,
	trueRetention
} from '$lib/core/srs';
import { readCardFigures, StatsPage } from './stats-page.svelte';
import { countsDetailFrom, talliesFrom } from '$lib/platform/storage';
import { dueSlot } from '$lib/core/srs/card-count';

const DAY = 86_400_000;
import { typesOfReviewed } from './question-types';
import { statsWindowStart } from './stats-data';
import { HomeOverview } from '$lib/features/home/home-overview.svelte';
import { sampleBackup, NOTES_SET } from '$lib/platform/storage/backup-fixture';
import { BUNDLED, BUNDLED_QUESTIONS, NOW, testDeps } from '$lib/platform/test-deps';

describe('StatsPage', () => {
	it('shows the empty state before anything was studied', async () => {
		const stats = new StatsPage(testDeps());
		expect(stats.current.kind).toBe('loading');
		await stats.load();
		expect(stats.current.kind).toBe('empty');
	});

	it('computes every chart from the last weeks of the log and the known sets', async () => {
		const deps = testDeps();
		const db = await deps.db();
		const backup = sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS });
		// An answer long ago is outside every window and must not show up anywhere.
		backup.stores.reviews.unshift({
			...backup.stores.reviews[0]!,
			id: 999,
			reviewedAt: NOW - 400 * 86_400_000
		});
		await importBackup(db, JSON.stringify(backup), { now: NOW });
		await putSrsSettings(db, { desiredRetention: 0.85 });
		const stats = new StatsPage(deps);
		await stats.load();
		const view = stats.current;
		expect(view.kind).toBe('ready');
		if (view.kind !== 'ready') return;
		const { data } = view;
		const opts = { offsetMinutes: new Date(NOW).getTimezoneOffset() };
		const expected = reviewsPerDay(backup.stores.reviews, NOW, { ...opts, days: 30 });
		expect(data.today).toBe(dayKey(dayNumber(NOW, opts)));
		expect(data.perDay).toEqual(expected);
		expect(data.perDay.at(-1)?.count).toBeGreaterThanOrEqual(3);

		const recent = backup.stores.reviews.filter((r) => r.reviewedAt > NOW - 29 * 86_400_000);
		const mature = recent.filter((r) => r.state === State.Review);
		expect(data.retention.reviews).toBeGreaterThan(0);
		expect(data.retention.reviews).toBeLessThanOrEqual(mature.length);
		expect(data.retention.desired).toBe(0.85);

		// Cards coming due within the 30 days shown (overdue ones count toward today).
		const end = startOfDay(NOW, opts) + 30 * 86_400_000;
		const studied = backup.stores.cards.filter((c) => c.state !== State.New && c.due < end).length;
		expect(studied).toBeGreaterThan(2);
		expect(data.forecast).toHaveLength(30);
		expect(data.forecast.reduce((n, d) => n + d.count, 0)).toBe(studied);

		// "Due now" is Home's count: cards of the listed sets due at this moment.
		const setIds = new Set(data.sets.map((s) => s.setId));
		const dueNow = backup.stores.cards.filter((c) => setIds.has(c.setId) && c.due <= NOW);
		expect(data.dueNow).toBe(dueNow.length);
		expect(data.dueNow).toBeGreaterThan(0);
		const home = new HomeOverview([BUNDLED], { ...deps, offsetMinutes: () => opts.offsetMinutes });
		await home.load();
		expect(home.today.due).toBe(data.dueNow);
		expect(Object.keys(home.counts).sort()).toEqual(data.sets.map((s) => s.setId).sort());

		expect(data.calendar.studiedDays).toBeGreaterThan(10);
		expect(data.streak).toBeGreaterThanOrEqual(1);
		expect(data.streakAtLeast).toBe(false);

		expect(data.sets.map((s) => [s.title, s.origin, s.total, s.studied])).toEqual([
			[BUNDLED.title, 'bundled', 6, 6],
			[NOTES_SET.title, 'authored', 2, 1]
		]);
	});

	it('draws mastery and the forecast from the card counts as from the cards themselves', async () => {
		const deps = testDeps();
		const db = await deps.db();
		const backup = sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS });
		// Restored a week ago: the counts have quarter-hour detail from that week on.
		await importBackup(db, JSON.stringify(backup), { now: NOW - 7 * DAY });
		const sets = await deps.catalog.list();
		for (const now of [NOW, NOW + 3 * DAY + 7 * 60_000]) {
			expect(await countsDetailFrom(db, dueSlot(now))).toBe(true);
			const counted = await readCardFigures(db, sets, now, true);
			expect(counted).toEqual(await readCardFigures(db, sets, now, false));
			expect(counted.forecast.reduce((n, d) => n + d.count, 0)).toBeGreaterThan(2);
			expect([...counted.mastery.values()].reduce((n, m) => n + m.due, 0)).toBeGreaterThan(0);
		}
	});

	it('reads the counts, not the cards, on a study day that began in the week before its restore', async () => {
		const deps = testDeps();
		const db = await deps.db();
		const backup = sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS });
		// Weeks start on Thursdays at 00:00 UTC; restored at 03:00 that Thursday, while the study
		// day (starting at 04:00) is still Wednesday's.
		const thursday = Math.floor(NOW / (7 * DAY)) * 7 * DAY + 7 * DAY;
		const restoredAt = thursday + 3 * 3_600_000;
		await importBackup(db, JSON.stringify(backup), { now: restoredAt });
		const dayStart = startOfDay(restoredAt, { offsetMinutes: 0, rolloverHour: 4 });
		expect(dayStart).toBe(thursday - 20 * 3_600_000);
		expect(await countsDetailFrom(db, dueSlot(dayStart))).toBe(true);
	});

	it('draws the same figures from the log when its tallies start after the window (a clock set back)', async () => {
		const deps = testDeps();
		const db = await deps.db();
		const text = JSON.stringify(
			sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS })
		);
		const view = async (restoredAt: number) => {
			await importBackup(db, text, { now: restoredAt });
			const stats = new StatsPage(deps);
			await stats.load();
			return stats.current;
		};
		const fromTallies = await view(NOW);
		expect(await talliesFrom(db)).toBeLessThanOrEqual(statsWindowStart(NOW));
		const fromLog = await view(NOW + 200 * DAY);
		expect(await talliesFrom(db)).toBeGreaterThan(statsWindowStart(NOW));
		expect(fromTallies.kind).toBe('ready');
		expect(fromLog).toEqual(fromTallies);
	});

	it('counts the cards themselves when the clock is set back before the counts were built', async () => {
		const deps = testDeps();
		const db = await deps.db();
		const backup = sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS });
		// Restored "in 3 weeks": no quarter-hour detail for today.
		await importBackup(db, JSON.stringify(backup), { now: NOW + 21 * DAY });
		expect(await countsDetailFrom(db, dueSlot(NOW))).toBe(false);
		const stats = new StatsPage(deps);
		await stats.load();
		const view = stats.current;
		if (view.kind !== 'ready') throw new Error(view.kind);
		const sets = await deps.catalog.list();
		const cards = await readCardFigures(db, sets, NOW, false);
		expect(view.data.forecast).toEqual(cards.forecast);
		expect(view.data.forecast.reduce((n, d) => n + d.count, 0)).toBeGreaterThan(2);
		expect(view.data.sets.map((s) => s.due)).toEqual(
			sets.map((s) => cards.mastery.get(s.id)?.due ?? 0)
		);
		// Home's due count agrees, from the index alone.
		const dueNow = backup.stores.cards.filter((c) => c.due <= NOW).length;
		expect(view.data.dueNow).toBe(dueNow);
	});

	it('breaks true retention down by interval and by question type, from the same window', async () => {
		const deps = testDeps();
		const db = await deps.db();
		const backup = sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS });
		// Answers to a set no longer on this device: counted, but of unknown type.
		const gone = backup.stores.reviews
			.filter((r) => r.state === State.Review && r.setId === BUNDLED.id)
			.slice(0, 2)
			.map((r, i) => ({
				...r,
				id: 900 + i,
				setId: 'gone',
				cardId: `gone/${r.questionId}`,
				before: { ...r.before, setId: 'gone', id: `gone/${r.questionId}` }
			}));
		expect(gone).toHaveLength(2);
		backup.stores.reviews.push(...gone);
		await importBackup(db, JSON.stringify(backup), { now: NOW });
		const stats = new StatsPage(deps);
		await stats.load();
		const view = stats.current;
		if (view.kind !== 'ready') throw new Error(view.kind);
		const { data } = view;

		const window = backup.stores.reviews.filter((r) => r.reviewedAt >= statsWindowStart(NOW));
		const all = trueRetention(window, 0.9);
		expect(all.reviews).toBeGreaterThan(5);
		expect(data.retentionByAge).toEqual(retentionByAge(window));
		expect(data.retentionByAge.reduce((n, r) => n + r.cell.reviews, 0)).toBe(all.reviews);
		// The bundled test set is all flashcards; the vanished set's answers are unknown.
		expect(data.retentionByType.map((r) => [r.type, r.cell.reviews])).toEqual([
			['flashcard', all.reviews - 2],
			[null, 2]
		]);
		expect(data.retentionSince).toBe(
			dayKey(dayNumber(statsWindowStart(NOW), { offsetMinutes: new Date(NOW).getTimezoneOffset() }))
		);
	});

	it('reads only the sets with answers to learned cards, and survives one that fails', async () => {
		const asked: string[] = [];
		const catalog = {
			get: async (id: string) => {
				asked.push(id);
				if (id === 'broken') throw new Error('offline');
				return { ...NOTES_SET, id };
			}
		};
		const e = (setId: string, state: State) =>
			({ setId, state }) as Parameters<typeof typesOfReviewed>[1][number];
		const types = await typesOfReviewed(catalog, [
			e('a', State.Review),
			e('a', State.Review),
			e('learning-only', State.Learning),
			e('broken', State.Review)
		]);
		expect(asked.sort()).toEqual(['a', 'broken']);
		expect([...types]).toEqual([
			['a/n1', 'flashcard'],
			['a/n2', 'flashcard']
		]);
	});
});
