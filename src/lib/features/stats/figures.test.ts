// The screen's numbers from the review tallies are exactly those from the answers.
import { describe, expect, it } from 'vitest';
import { randomLog, LOG_NOW } from '$lib/core/srs/random-log';
import { tallyEntries, tallySlot } from '$lib/core/srs/tally';
import type { QuestionType } from '$lib/core/bank/schema';
import { figuresFromEntries, figuresFromTallies, statsWindowStart } from './stats-data';

describe('stats figures', () => {
	it('are the same from tallies as from a scan of the answers, on random logs', () => {
		const types = new Map<string, QuestionType>([
			['bio/q1', 'mcq'],
			['bio/q2', 'flashcard'],
			['chem/q3', 'numeric'],
			['geo/q4', 'truefalse']
		]);
		for (const seed of ['one', 'two', 'three']) {
			for (const now of [LOG_NOW, LOG_NOW + 5 * 3_600_000, LOG_NOW + 11 * 3_600_000]) {
				const log = randomLog(seed, 2000, 150).filter((e) => e.reviewedAt <= now);
				const from = statsWindowStart(now);
				const input = { now, desiredRetention: 0.87, questionTypes: types };
				const tallies = tallyEntries(log).filter((t) => t.slot >= tallySlot(from));
				const scanned = figuresFromEntries(
					log.filter((e) => e.reviewedAt >= from),
					input
				);
				expect(scanned.retention.reviews).toBeGreaterThan(100);
				expect(figuresFromTallies(tallies, input)).toEqual(scanned);
			}
		}
	});
});
