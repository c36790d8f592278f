import { describe, expect, it } from 'vitest';
import { Rating } from '$lib/core/srs/card';
import {
	calibration,
	confidentRating,
	isConfidence,
	REASK_GAP,
	reaskPosition,
	shouldReask
} from './confidence';

describe('confidentRating', () => {
	it('maps right/wrong × sure/not sure as the issue asks', () => {
		expect(confidentRating(Rating.Again, false, 'sure')).toBe(Rating.Again);
		expect(confidentRating(Rating.Again, false, 'unsure')).toBe(Rating.Again);
		expect(confidentRating(Rating.Good, true, 'unsure')).toBe(Rating.Hard);
		expect(confidentRating(Rating.Good, true, 'sure')).toBe(Rating.Good);
	});

	it('keeps a slow right answer Hard even when sure, as a quiz rates it anyway', () => {
		expect(confidentRating(Rating.Hard, true, 'sure')).toBe(Rating.Hard);
	});

	it('changes nothing when the student was not asked (self-rated flashcards included)', () => {
		for (const r of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy])
			for (const correct of [true, false]) expect(confidentRating(r, correct, undefined)).toBe(r);
	});
});

describe('shouldReask', () => {
	it('asks again only a first attempt that was wrong and sure', () => {
		expect(shouldReask({ correct: false, confidence: 'sure' })).toBe(true);
		expect(shouldReask({ correct: false, confidence: 'unsure' })).toBe(false);
		expect(shouldReask({ correct: true, confidence: 'sure' })).toBe(false);
		expect(shouldReask({ correct: false, confidence: undefined })).toBe(false);
		expect(shouldReask({ correct: false, confidence: 'sure', repeat: true })).toBe(false);
	});
});

describe('reaskPosition', () => {
	it(`puts the repeat ${REASK_GAP} questions on, or at the end when fewer are left`, () => {
		expect(REASK_GAP).toBe(3);
		expect(reaskPosition(0, 10)).toBe(4);
		expect(reaskPosition(5, 10)).toBe(9);
		expect(reaskPosition(7, 10)).toBe(10);
		expect(reaskPosition(9, 10)).toBe(10);
	});
});

describe('calibration', () => {
	it('counts first attempts per confidence, leaving out repeats and unanswered ones', () => {
		expect(
			calibration([
				{ correct: true, confidence: 'sure' },
				{ correct: false, confidence: 'sure' },
				{ correct: true, confidence: 'sure', repeat: true },
				{ correct: true, confidence: 'unsure' },
				{ correct: false, confidence: 'unsure' },
				{ correct: false, confidence: 'unsure' },
				{ correct: true },
				{ confidence: 'sure' }
			])
		).toEqual({ sure: { answered: 2, right: 1 }, unsure: { answered: 3, right: 1 } });
	});

	it('is empty for a quiz without confidence', () => {
		expect(calibration([{ correct: true }])).toEqual({
			sure: { answered: 0, right: 0 },
			unsure: { answered: 0, right: 0 }
		});
	});
});

describe('isConfidence', () => {
	it('accepts only the two stored values', () => {
		expect(['sure', 'unsure', 'Sure', true, undefined, null].map(isConfidence)).toEqual([
			true,
			true,
			false,
			false,
			false,
			false
		]);
	});
});
