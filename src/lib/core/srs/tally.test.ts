import { describe, expect, it } from 'vitest';
import { createRng } from '../quiz/rng';
import { State } from './card';
import { randomLog, LOG_NOW as NOW } from './random-log';
import { startOfDay, type DayOptions } from './day';
import { retentionBy, retentionByAge } from './retention';
import { reviewsPerDay, studyCalendar, trueRetention } from './stats';
import {
	addToTally,
	emptyTally,
	isEmptyTally,
	sameTally,
	talliedSets,
	talliesFitDays,
	tallyBy,
	tallyByAge,
	tallyCalendar,
	tallyEntries,
	tallyPerDay,
	tallyRetention,
	tallySlot
} from './tally';

const DAY = 86_400_000;

// UTC, east of it, west of it, and the half and three-quarter hour zones.
const ZONES: DayOptions[] = [0, -60, 300, -330, -345, 570, -765].map((offsetMinutes) => ({
	offsetMinutes
}));

describe('review tallies', () => {
	it('give the same figures as the answers they count, in every timezone', () => {
		for (const seed of ['a', 'b', 'c', 'd']) {
			const log = randomLog(seed, 1500);
			for (const opts of ZONES) {
				expect(talliesFitDays(opts)).toBe(true);
				// The screen's window: from a study day's start, as statsWindowStart gives.
				const from = startOfDay(NOW, opts) - 83 * DAY;
				const entries = log.filter((e) => e.reviewedAt >= from);
				const tallies = tallyEntries(log).filter((t) => t.slot >= tallySlot(from));
				const types = new Map([
					['bio/q1', 'mcq'],
					['chem/q2', 'short']
				]);
				expect(tallyPerDay(tallies, NOW, { ...opts, days: 30 })).toEqual(
					reviewsPerDay(entries, NOW, { ...opts, days: 30 })
				);
				expect(tallyRetention(tallies, 0.9)).toEqual(trueRetention(entries, 0.9));
				expect(tallyByAge(tallies)).toEqual(retentionByAge(entries));
				const byType = tallyBy(tallies, (id) => types.get(id) ?? null);
				const scanned = retentionBy(entries, (e) => types.get(e.cardId) ?? null);
				expect(new Map([...byType].sort())).toEqual(new Map([...scanned].sort()));
				expect(tallyCalendar(tallies, NOW, opts)).toEqual(studyCalendar(entries, NOW, opts));
				expect(talliedSets(tallies)).toEqual(
					new Set(entries.filter((e) => e.state === State.Review).map((e) => e.setId))
				);
			}
		}
	});

	it('come back exactly when answers are taken off again, and empty ones go', () => {
		const log = randomLog('undo', 400, 2);
		const built = tallyEntries(log);
		// Take off the second half in a shuffled order: what is left is the first half's.
		const rng = createRng('order');
		const rest = log.slice(200).sort(() => rng() - 0.5);
		const bySlot = new Map(built.map((t) => [t.slot, structuredClone(t)]));
		for (const e of rest) addToTally(bySlot.get(tallySlot(e.reviewedAt))!, e, -1);
		const left = [...bySlot.values()].filter((t) => !isEmptyTally(t));
		const want = tallyEntries(log.slice(0, 200));
		expect(left.length).toBe(want.length);
		left.forEach((t, i) => expect(sameTally(t, want[i]!)).toBe(true));
		expect(left).toEqual(want);
		// Nothing left at all: no stray per-card or per-set keys.
		const one = emptyTally(5);
		addToTally(one, log[0]!);
		addToTally(one, log[0]!, -1);
		expect(one).toEqual(emptyTally(5));
	});

	it('know when study days are not whole quarter hours', () => {
		expect(talliesFitDays({ offsetMinutes: 7 })).toBe(false);
		expect(talliesFitDays({ offsetMinutes: 0, rolloverHour: 4.5 })).toBe(false);
	});
});
