// Test-only: a Studydeck backup with realistic progress, made with the real scheduler, for
// unit tests and for seeding a browser profile through Settings → Import in e2e tests.
// Relative imports only: the e2e runner has no $lib alias.
import { answerCard, newCard } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import { Rating, type ReviewEntry, type StoredCard } from '../../core/srs/card';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from './backup';
import { DB_VERSION } from './migrations';
import type { QuestionSet } from '../../core/bank/schema';
import { simulateReviews } from '../../core/srs/optimize/synthetic';

const MINUTE = 60_000;
const DAY = 86_400_000;

export const NOTES_SET: QuestionSet = {
	id: 'my-notes',
	version: 1,
	title: 'My notes',
	language: 'en',
	questions: [
		{ id: 'n1', type: 'flashcard', prompt: 'Capital of Pakistan?', back: 'Islamabad' },
		{ id: 'n2', type: 'flashcard', prompt: 'Capital of Afghanistan?', back: 'Kabul' }
	]
};

export interface SampleOptions {
	/** Epoch ms; every answer is before it. */
	now: number;
	setId: string;
	questionIds: readonly string[];
	/** Answers in the last few minutes before `now` (on top of the regular schedule). */
	today?: number;
}

/**
 * Each question is first studied on a different day of the last 25, then answered
 * whenever due (Again now and then), and the first `today` cards once more just now.
 */
export function sampleBackup({ now, setId, questionIds, today = 3 }: SampleOptions): Backup {
	const reviews: ReviewEntry[] = [];
	const cards: StoredCard[] = [];
	const answer = (card: StoredCard, rating: Rating.Again | Rating.Good, at: number) => {
		const r = answerCard(card, rating, at, DEFAULT_SETTINGS);
		reviews.push(r.review);
		return r.card;
	};
	const stop = now - (today + 1) * MINUTE;
	questionIds.forEach((qid, i) => {
		let at = now - (25 - (i % 20)) * DAY;
		let card = newCard(qid, setId, at);
		for (let n = 0; at < stop && n < 40; n++) {
			card = answer(card, (n + i) % 6 === 5 ? Rating.Again : Rating.Good, at);
			at = Math.max(card.due, at + MINUTE);
		}
		if (i < today) card = answer(card, Rating.Good, now - (today - i) * MINUTE);
		cards.push(card);
	});
	// A device set with one studied card, and a finished quiz.
	let note = newCard('n1', NOTES_SET.id, now - 2 * DAY);
	note = answer(note, Rating.Good, now - 2 * DAY);
	cards.push(note);
	reviews.sort((a, b) => a.reviewedAt - b.reviewedAt);
	reviews.forEach((r, i) => (r.id = i + 1));
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		stores: {
			cards,
			reviews,
			attempts: [
				{
					id: 'attempt-1',
					setId,
					startedAt: now - DAY,
					finishedAt: now - DAY + 5 * MINUTE,
					score: 3,
					maxScore: 4,
					answers: [],
					questions: []
				}
			],
			sets: [{ set: NOTES_SET, updatedAt: now - 3 * DAY, origin: 'authored' }],
			settings: [],
			meta: [{ key: 'schemaVersion', value: DB_VERSION }]
		}
	};
}

/**
 * A backup holding a simulated student's history (srs/optimize/synthetic.ts): enough
 * answers to offer the optimiser, whose memory differs from FSRS's defaults.
 */
export function syntheticBackup({
	now,
	setId,
	reviews = 1500,
	seed = 'e2e'
}: {
	now: number;
	setId: string;
	reviews?: number;
	seed?: string;
}): Backup {
	const sim = simulateReviews({
		seed,
		start: Date.UTC(2025, 0, 6, 9),
		days: 400,
		newPerDay: 8,
		maxReviews: reviews,
		setId
	});
	// Moved in whole days so the last answer was yesterday: cards come due from now on.
	const last = sim.reviews.at(-1)?.reviewedAt ?? now;
	const shift = Math.floor((now - DAY - last) / DAY) * DAY;
	const move = (c: StoredCard): StoredCard => ({
		...c,
		due: c.due + shift,
		...(c.last_review === undefined ? {} : { last_review: c.last_review + shift })
	});
	for (const r of sim.reviews) {
		r.reviewedAt += shift;
		r.due += shift;
		r.before = move(r.before);
	}
	sim.cards = sim.cards.map(move);
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		stores: {
			cards: sim.cards,
			reviews: sim.reviews,
			attempts: [],
			sets: [],
			settings: [],
			meta: [{ key: 'schemaVersion', value: DB_VERSION }]
		}
	};
}
