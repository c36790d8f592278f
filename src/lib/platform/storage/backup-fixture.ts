// Test-only: a Studydeck backup with realistic progress, made with the real scheduler, for
// unit tests and for seeding a browser profile through Settings → Import in e2e tests.
// Relative imports only: the e2e runner has no $lib alias.
import { answerCard, newCard } from '../../core/srs/scheduler';
import { DEFAULT_SETTINGS } from '../../core/srs/settings';
import { Rating, type ReviewEntry, type StoredCard } from '../../core/srs/card';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from './backup';
import { DB_VERSION } from './version';
import type { StoredSet } from './schema';
import { createRng, randomInt } from '../../core/quiz/rng';
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

export interface ScaleOptions {
	/** Epoch ms; every answer is before it. */
	now: number;
	cards: number;
	reviews: number;
	/** A bundled set's id and question ids: its cards come first. */
	bundled: { id: string; questionIds: readonly string[] };
	/** Questions in the one authored set (mixed multiple choice and flashcards). */
	authoredQuestions: number;
	/** Imported decks sharing the remaining cards (each ≤ LIMITS.questions). */
	decks: number;
	/** Days of history; first answers are spread over it. */
	days?: number;
	seed?: string;
}

/**
 * A heavy user's device, for the scale bench and a round-trip test: cards across a
 * bundled set, one authored set and several imported decks, every card studied at least
 * once with the real scheduler over `days`, `reviews` answers in all (ids in time order,
 * as the store assigns them), and a few quiz results. Seeded: same options, same backup.
 */
export function scaleBackup({
	now,
	cards: cardCount,
	reviews: reviewCount,
	bundled,
	authoredQuestions,
	decks,
	days = 730,
	seed = 'scale'
}: ScaleOptions): Backup {
	const rng = createRng(seed);
	const sets: StoredSet[] = [];
	const slots: { setId: string; questionId: string }[] = bundled.questionIds
		.slice(0, cardCount)
		.map((questionId) => ({ setId: bundled.id, questionId }));
	const authored: QuestionSet = {
		id: 'scale-authored',
		version: 1,
		title: 'My big set',
		language: 'en',
		questions: Array.from({ length: authoredQuestions }, (_, i) =>
			i % 2
				? { id: `a${i}`, type: 'flashcard', prompt: `Term number ${i}?`, back: `Meaning ${i}` }
				: {
						id: `a${i}`,
						type: 'mcq',
						prompt: `Which option is right for question ${i}?`,
						options: [`Right ${i}`, `Wrong ${i}`, `Also wrong ${i}`, `Not this ${i}`],
						answer: 0,
						explanation: `Because ${i} says so.`,
						tags: [`week-${i % 12}`]
					}
		)
	};
	sets.push({ set: authored, updatedAt: now - 2 * DAY, origin: 'authored' });
	for (const q of authored.questions.slice(0, cardCount - slots.length))
		slots.push({ setId: authored.id, questionId: q.id });
	const perDeck = Math.ceil((cardCount - slots.length) / decks);
	for (let d = 0; d < decks && slots.length < cardCount; d++) {
		const n = Math.min(perDeck, cardCount - slots.length);
		const deck: QuestionSet = {
			id: `deck-${d + 1}`,
			version: 1,
			title: `Imported deck ${d + 1}`,
			language: 'en',
			questions: Array.from({ length: n }, (_, i) => ({
				id: `c${i}`,
				type: 'flashcard' as const,
				prompt: `Deck ${d + 1} front ${i}`,
				back: `Deck ${d + 1} back ${i}`
			}))
		};
		sets.push({ set: deck, updatedAt: now - (100 + d) * DAY, origin: 'imported' });
		for (const q of deck.questions) slots.push({ setId: deck.id, questionId: q.id });
	}
	// Every card answered once; the extra answers go to random cards, each card answered
	// whenever it is due (so a card's answers follow its own schedule) until `now`.
	const extra = new Array<number>(slots.length).fill(0);
	for (let i = 0; i < reviewCount - slots.length; i++) extra[randomInt(rng, slots.length)]!++;
	const reviews: ReviewEntry[] = [];
	const cards: StoredCard[] = [];
	const grade = (): Rating.Again | Rating.Hard | Rating.Good | Rating.Easy => {
		const u = rng();
		return u < 0.12 ? Rating.Again : u < 0.22 ? Rating.Hard : u < 0.9 ? Rating.Good : Rating.Easy;
	};
	slots.forEach(({ setId, questionId }, i) => {
		const answers = 1 + extra[i]!;
		// Older first answers for cards with more answers, so they fit before now.
		const span = days * DAY;
		let at = now - span + Math.floor(rng() * span * (1 - Math.min(0.9, answers / 12)));
		let card = newCard(questionId, setId, at);
		for (let n = 0; n < answers; n++) {
			const r = answerCard(card, grade(), at, DEFAULT_SETTINGS);
			reviews.push(r.review);
			card = r.card;
			// The next answer when due, or early (cramming) if due is past now.
			const next = Math.max(card.due, at + MINUTE);
			at = next < now - MINUTE ? next : at + Math.floor((now - at) / (answers - n + 1));
		}
		cards.push(card);
	});
	reviews.sort((a, b) => a.reviewedAt - b.reviewedAt);
	reviews.forEach((r, i) => (r.id = i + 1));
	const attempts = Array.from({ length: 40 }, (_, i) => ({
		id: `scale-attempt-${i}`,
		setId: i % 2 ? authored.id : bundled.id,
		startedAt: now - (i + 1) * 3 * DAY,
		finishedAt: now - (i + 1) * 3 * DAY + 10 * MINUTE,
		score: 7 + (i % 4),
		maxScore: 10,
		answers: [],
		questions: []
	}));
	// Every list in the order the stores keep it (by key), and media's empty list written, so
	// restoring this file and exporting gives it back byte for byte.
	const byId =
		<T>(key: (t: T) => string) =>
		(a: T, b: T) =>
			key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		schemaVersion: DB_VERSION,
		stores: {
			cards: cards.sort(byId((c) => c.id)),
			reviews,
			attempts: attempts.sort(byId((a) => a.id)),
			sets: sets.sort(byId((s) => s.set.id)),
			settings: [],
			meta: [{ key: 'schemaVersion', value: DB_VERSION }],
			media: []
		}
	};
}
