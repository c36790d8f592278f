import { describe, expect, it } from 'vitest';
import { dayKey, dayNumber, newCard, State, type StoredCard } from '$lib/core/srs';
import { getCard, getSrsSettings, putCards } from '$lib/platform/storage';
import { WorkloadForm } from './workload-form.svelte';
import { NOW, testDeps } from '$lib/platform/test-deps';

const DAY = 86_400_000;
const opts = { offsetMinutes: new Date(NOW).getTimezoneOffset() };
const today = dayNumber(NOW, opts);

function inReview(id: string, due: number, scheduledDays: number): StoredCard {
	return {
		...newCard(id, 'bio', NOW),
		state: State.Review,
		stability: scheduledDays,
		difficulty: 5,
		reps: 3,
		scheduled_days: scheduledDays,
		last_review: due - scheduledDays * DAY,
		due
	};
}

describe('WorkloadForm', () => {
	it('loads the defaults and saves balancing and easy days', async () => {
		const deps = testDeps();
		const form = new WorkloadForm(deps);
		await form.load();
		expect(form.loadBalance).toBe(true);
		expect(form.easyDays).toEqual(['1', '1', '1', '1', '1', '1', '1']);
		form.loadBalance = false;
		form.easyDays[0] = '0';
		form.easyDays[6] = '0.5';
		expect(await form.save()).toBe(true);
		expect(form.status.kind).toBe('saved');
		expect(await getSrsSettings(await deps.db())).toMatchObject({
			loadBalance: false,
			easyDays: [0, 1, 1, 1, 1, 1, 0.5],
			vacation: null
		});
	});

	it('refuses a half-filled, reversed or impossible break with a plain sentence', async () => {
		const deps = testDeps();
		const form = new WorkloadForm(deps);
		await form.load();
		for (const [start, end, message] of [
			['2025-02-01', '', 'Enter both the first and the last day of the break.'],
			['2025-02-10', '2025-02-01', 'The break must end on or after its first day.'],
			['2025-02-30', '2025-03-02', 'Enter the days as dates, like 2025-07-14.']
		]) {
			form.breakStart = start!;
			form.breakEnd = end!;
			expect(await form.save()).toBe(false);
			expect(form.breakError).toBe(message);
			expect(form.status.kind).toBe('invalid');
		}
		expect((await getSrsSettings(await deps.db())).vacation).toBeNull();
	});

	it('saves a break, counts the reviews inside it and moves them out', async () => {
		const deps = testDeps();
		const db = await deps.db();
		const start = today + 10;
		const end = today + 16;
		const dayAt = (d: number) => NOW + (d - today) * DAY;
		await putCards(db, [
			inReview('long', dayAt(start + 2), 30), // half its interval fits before the break
			inReview('short', dayAt(start + 1), 3), // before would halve its interval: after
			inReview('outside', dayAt(end + 3), 30)
		]);
		const form = new WorkloadForm(deps);
		await form.load();
		form.breakStart = dayKey(start);
		form.breakEnd = dayKey(end);
		expect(await form.save()).toBe(true);
		expect(form.inBreak).toBe(2);
		await form.moveOut();
		expect(form.moved).toBe(2);
		expect(form.inBreak).toBe(0);
		const day = async (id: string) => dayNumber((await getCard(db, `bio/${id}`))!.due, opts);
		expect(await day('long')).toBe(start - 1);
		expect(await day('short')).toBe(end + 1);
		expect(await day('outside')).toBe(end + 3);
		// A reload sees the saved break.
		const again = new WorkloadForm(deps);
		await again.load();
		expect([again.breakStart, again.breakEnd]).toEqual([dayKey(start), dayKey(end)]);
		expect(again.inBreak).toBe(0);
	});

	it('clears the break when both days are emptied', async () => {
		const deps = testDeps();
		const form = new WorkloadForm(deps);
		await form.load();
		form.breakStart = dayKey(today + 3);
		form.breakEnd = dayKey(today + 4);
		await form.save();
		form.breakStart = '';
		form.breakEnd = '';
		await form.save();
		expect((await getSrsSettings(await deps.db())).vacation).toBeNull();
	});
});

describe('suspended cards', () => {
	it('are counted in Settings and brought back, each due as before', async () => {
		const deps = testDeps();
		const db = await deps.db();
		const { suspend } = await import('$lib/platform/storage');
		await putCards(db, [inReview('a', NOW + DAY, 5), inReview('b', NOW + 2 * DAY, 5)]);
		await suspend(db, 'bio/a');
		const form = new WorkloadForm(deps);
		await form.load();
		expect(form.suspended).toBe(1);
		await form.unsuspendAll();
		expect(form.restored).toBe(1);
		expect(form.suspended).toBe(0);
		expect((await getCard(db, 'bio/a'))!.due).toBe(NOW + DAY);
		expect((await getCard(db, 'bio/a'))!.suspendedDue).toBeUndefined();
	});
});
