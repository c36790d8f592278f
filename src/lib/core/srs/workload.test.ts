import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { Rating, State, type StoredCard } from './card';
import { dayNumber, dayKey } from './day';
import { answerCard, newCard, previewIntervals } from './scheduler';
import { DEFAULT_SETTINGS, normalizeSettings, type SrsSettings } from './settings';
import { balancedInterval, dayFromKey, weekday, type Workload } from './workload';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0); // Monday
const DAY = 86_400_000;
const UTC = { offsetMinutes: 0 };
const TODAY = dayNumber(T0, UTC);

/** A card in review, due now; Good gives it a plain interval of about 60 days. */
function reviewCard(i: number, stability = 20): StoredCard {
	return {
		...newCard(`q${i}`, 'bio', T0),
		state: State.Review,
		stability: stability + (i % 7) * 0.1,
		difficulty: 5,
		scheduled_days: 20,
		reps: 4,
		last_review: T0 - 20 * DAY,
		due: T0
	};
}

/** Answers `n` cards Good at T0 and returns how many land on each day. */
function spread(n: number, settings: SrsSettings, balance: boolean): Map<number, number> {
	const load = new Map<number, number>();
	const workload: Workload = { ...UTC, load: (d) => load.get(d) ?? 0 };
	for (let i = 0; i < n; i++) {
		const r = answerCard(
			reviewCard(i),
			Rating.Good,
			T0 + i * 1000,
			settings,
			balance ? workload : undefined
		);
		const d = dayNumber(r.card.due, UTC);
		load.set(d, (load.get(d) ?? 0) + 1);
	}
	return load;
}

describe('weekday and day keys', () => {
	it('numbers Sunday 0 and round-trips keys', () => {
		expect(weekday(TODAY)).toBe(1); // 2025-01-06 is a Monday
		expect(weekday(TODAY + 6)).toBe(0);
		expect(dayFromKey(dayKey(TODAY))).toBe(TODAY);
	});
});

describe('load balancing', () => {
	it('keeps every pick inside the fuzz range and is deterministic', () => {
		const s = normalizeSettings({});
		const input = { interval: 30, elapsedDays: 25, now: T0, seed: 'x', settings: s };
		const empty: Workload = { ...UTC, load: () => 0 };
		const a = balancedInterval({ ...input, workload: empty });
		expect(a).toBe(balancedInterval({ ...input, workload: empty }));
		expect(a).toBeGreaterThanOrEqual(28);
		expect(a).toBeLessThanOrEqual(32);
	});

	it('flattens the busiest day compared with plain fuzz', () => {
		const s = normalizeSettings({});
		const plain = [...spread(400, s, false).values()];
		const balanced = [...spread(400, s, true).values()];
		expect(balanced.reduce((a, b) => a + b)).toBe(400);
		// 400 cards whose plain interval is about 60 days, fuzzed over ±6 days.
		const sd = (xs: number[]) => {
			const mean = xs.reduce((a, b) => a + b) / xs.length;
			return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
		};
		expect(Math.max(...balanced)).toBeLessThan(Math.max(...plain));
		expect(sd(balanced)).toBeLessThan(sd(plain));
	});

	it('prefers a quiet day: a day already holding many cards gets none', () => {
		const s = normalizeSettings({});
		const busy = TODAY + 20;
		const workload: Workload = { ...UTC, load: (d) => (d === busy ? 500 : 0) };
		for (let i = 0; i < 50; i++) {
			const r = answerCard(reviewCard(i), Rating.Good, T0, s, workload);
			expect(dayNumber(r.card.due, UTC)).not.toBe(busy);
		}
	});

	it('preview and answer agree with a workload', () => {
		const s = normalizeSettings({});
		const workload: Workload = { ...UTC, load: (d) => (d % 3) * 10 };
		const card = reviewCard(3);
		for (const p of previewIntervals(card, T0, s, workload))
			expect(answerCard(card, p.rating, T0 + 5000, s, workload).card.due - 5000).toBe(p.due);
	});

	it('keeps Hard ≤ Good ≤ Easy', () => {
		const s = normalizeSettings({});
		for (let i = 0; i < 50; i++) {
			const load = (d: number) => ((d * 7 + i) % 11) * 3;
			const p = previewIntervals(reviewCard(i), T0, s, { ...UTC, load });
			expect(p[1]!.due).toBeLessThan(p[2]!.due);
			expect(p[2]!.due).toBeLessThan(p[3]!.due);
		}
	});

	it('leaves learning steps alone', () => {
		const s = normalizeSettings({});
		const workload: Workload = { ...UTC, load: () => 1000 };
		const fresh = newCard('n', 'bio', T0);
		expect(answerCard(fresh, Rating.Good, T0, s, workload).card.due).toBe(
			answerCard(fresh, Rating.Good, T0, s).card.due
		);
	});
});

describe('easy days', () => {
	it('puts far fewer reviews on a day marked for minimum work', () => {
		// Every weekday but Sunday normal; Sunday as little as possible.
		const s = normalizeSettings({ easyDays: [0, 1, 1, 1, 1, 1, 1] });
		const days = spread(400, s, true);
		const sunday = [...days].filter(([d]) => weekday(d) === 0).reduce((n, [, c]) => n + c, 0);
		const others = [...days].filter(([d]) => weekday(d) !== 0).map(([, c]) => c);
		expect(others.length).toBeGreaterThan(0);
		expect(sunday).toBeLessThan(Math.min(...others) / 2);
	});

	it('works with load balancing off too', () => {
		const s = normalizeSettings({ loadBalance: false, easyDays: [0, 1, 1, 1, 1, 1, 1] });
		const days = spread(200, s, true);
		const sunday = [...days].filter(([d]) => weekday(d) === 0).reduce((n, [, c]) => n + c, 0);
		expect(sunday).toBeLessThan(20);
	});
});

describe('vacation', () => {
	it('keeps reviews out of a break that covers part of the range', () => {
		const s = normalizeSettings({
			vacation: { start: dayKey(TODAY + 57), end: dayKey(TODAY + 58) }
		});
		const days = spread(200, s, true);
		expect(spread(200, normalizeSettings({}), true).get(TODAY + 57)).toBeGreaterThan(10);
		expect(days.get(TODAY + 57) ?? 0).toBe(0);
		expect(days.get(TODAY + 58) ?? 0).toBe(0);
		expect([...days.values()].reduce((a, b) => a + b)).toBe(200);
	});

	it('moves a review whose whole range is in the break to just before it', () => {
		const s = normalizeSettings({
			vacation: { start: dayKey(TODAY + 40), end: dayKey(TODAY + 100) }
		});
		const days = spread(50, s, true);
		expect([...days.keys()]).toEqual([TODAY + 39]);
	});

	it('or just after it when before would halve the interval', () => {
		const s = normalizeSettings({
			vacation: { start: dayKey(TODAY + 20), end: dayKey(TODAY + 100) }
		});
		const days = spread(50, s, true);
		expect([...days.keys()]).toEqual([TODAY + 101]);
	});
});

describe('workload settings', () => {
	it('default to balancing on, no easy days, no break', () => {
		expect(normalizeSettings(undefined)).toMatchObject({
			loadBalance: true,
			easyDays: [1, 1, 1, 1, 1, 1, 1],
			vacation: null,
			parameters: null
		});
		expect(DEFAULT_SETTINGS.loadBalance).toBe(true);
	});

	it('reject junk instead of breaking the scheduler', () => {
		const s = normalizeSettings({
			loadBalance: 'yes',
			easyDays: [1, 0.5, 2, 'x', 0, 1, 1],
			vacation: { start: '2025-02-10', end: '2025-02-01' },
			parameters: [1, 2, 3]
		});
		expect(s.loadBalance).toBe(true);
		expect(s.easyDays).toEqual([1, 0.5, 1, 1, 0, 1, 1]);
		expect(s.vacation).toBeNull();
		expect(s.parameters).toBeNull();
		expect(
			normalizeSettings({ vacation: { start: '2025-02-30', end: '2025-03-01' } }).vacation
		).toBeNull();
		expect(
			normalizeSettings({ vacation: { start: '2025-02-01', end: '2025-02-01' } }).vacation
		).toEqual({
			start: '2025-02-01',
			end: '2025-02-01'
		});
	});

	it('keep trained parameters only when there are 21 with a valid decay', () => {
		const w = Array.from({ length: 21 }, (_, i) => (i === 20 ? 0.3 : 1));
		expect(normalizeSettings({ parameters: w }).parameters).toEqual(w);
		expect(normalizeSettings({ parameters: [...w.slice(0, 20), 0.9] }).parameters).toBeNull();
		expect(normalizeSettings({ parameters: [...w.slice(0, 20), NaN] }).parameters).toBeNull();
	});

	it('trained parameters change the schedule', () => {
		const slowForgetter = default_w.map((w, i) => (i < 4 ? w * 3 : w));
		const card = newCard('q', 'bio', T0);
		const plain = answerCard(card, Rating.Easy, T0, DEFAULT_SETTINGS).card;
		const mine = answerCard(
			card,
			Rating.Easy,
			T0,
			normalizeSettings({ parameters: slowForgetter })
		).card;
		expect(mine.stability).toBeCloseTo(plain.stability * 3, 5);
		expect(mine.due).toBeGreaterThan(plain.due);
	});
});
