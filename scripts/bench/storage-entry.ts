// Browser side of storage.bench.ts: runs against real Chromium IndexedDB through the
// same src/lib code the app uses, and returns raw timings.
import {
	openDb,
	putCards,
	answerStoredCard,
	dueCards,
	deleteDb
} from '../../src/lib/platform/storage';
import { answerCard, newCard, DEFAULT_SETTINGS, State } from '../../src/lib/core/srs';
import type { Grade, StoredCard } from '../../src/lib/core/srs';

const T0 = Date.UTC(2025, 0, 6, 9);
const DAY = 86_400_000;

async function answers(n: number): Promise<number[]> {
	await deleteDb('bench-answers');
	const db = await openDb({ name: 'bench-answers' });
	const times: number[] = [];
	const cards = new Map<number, StoredCard>();
	for (let i = 0; i < n; i++) {
		const q = i % 100;
		const now = Math.max(T0 + i * 1000, cards.get(q)?.due ?? T0);
		// As the app answers: read the stored card, schedule and write, in one transaction.
		const t = performance.now();
		const result = await answerStoredCard(db, `bench/q${q}`, (stored) =>
			answerCard(
				stored ?? newCard(`q${q}`, 'bench', now),
				(1 + (i % 4)) as Grade,
				now,
				DEFAULT_SETTINGS
			)
		);
		times.push(performance.now() - t);
		cards.set(q, result.card);
	}
	db.close();
	return times;
}

async function dueQueue(total: number, limit: number, runs: number): Promise<number[]> {
	await deleteDb('bench-due');
	const db = await openDb({ name: 'bench-due' });
	const chunk = 10_000;
	for (let start = 0; start < total; start += chunk) {
		const batch: StoredCard[] = [];
		for (let i = start; i < Math.min(total, start + chunk); i++) {
			batch.push({
				...newCard(`q${i}`, `set${i % 20}`, T0),
				state: State.Review,
				reps: 3,
				stability: 10,
				difficulty: 5,
				scheduled_days: 10,
				last_review: T0 - DAY,
				// Spread over ±1 year so about half are due.
				due: T0 + ((i * 7919) % 730) * DAY - 365 * DAY
			});
		}
		await putCards(db, batch);
	}
	const times: number[] = [];
	for (let r = 0; r < runs; r++) {
		const t = performance.now();
		const due = await dueCards(db, {
			now: T0 + r * 60_000,
			limit,
			setId: r % 2 ? `set${r % 20}` : undefined
		});
		times.push(performance.now() - t);
		if (due.length !== limit) throw new Error(`expected ${limit} due cards, got ${due.length}`);
	}
	db.close();
	return times;
}

(globalThis as unknown as { storageBench: unknown }).storageBench = { answers, dueQueue };
