// /stats/ counts cards through indexes instead of reading them: the same mastery and
// forecast as the scan of every card, on random cards (fixed seed).
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/quiz/rng';
import { State, SUSPENDED_DUE, type StoredCard } from '../../core/srs/card';
import { dueForecast, masteryFromCounts, setMastery } from '../../core/srs/stats';
import { putCards, setStatsCards } from './cards';
import { openDb } from './db';
import { DAY, fresh, T0 } from './test-helpers';

describe('setStatsCards', () => {
	it('gives the mastery and forecast a scan of every card gives', async () => {
		const db = await openDb({ name: 'stats-cards' });
		const rng = createRng('cards');
		const states = [State.New, State.Learning, State.Review, State.Review, State.Relearning];
		const cards: StoredCard[] = [];
		for (let i = 0; i < 600; i++) {
			const setId = ['bio', 'chem', 'geo'][i % 3]!;
			const card = fresh(`q${i}`, setId, T0);
			const state = states[Math.floor(rng() * states.length)]!;
			const roll = rng();
			cards.push({
				...card,
				state,
				// A New card is usually never answered; one put back by a reset has reps.
				reps: state === State.New && rng() < 0.7 ? 0 : 1 + Math.floor(rng() * 9),
				stability: [0.5, 3, 20.99, 21, 21.5, 80][Math.floor(rng() * 6)]!,
				due:
					roll < 0.05
						? SUSPENDED_DUE
						: roll < 0.1
							? T0 // exactly now
							: T0 + Math.floor((rng() * 80 - 20) * DAY)
			});
		}
		await putCards(db, cards);
		const opts = { offsetMinutes: 0, days: 30 };
		const dueBefore = T0 - (T0 % DAY) + 4 * 3_600_000 + 30 * DAY;
		for (const setId of ['bio', 'chem', 'geo', 'none']) {
			const mine = cards.filter((c) => c.setId === setId);
			const { counts, dueSoon } = await setStatsCards(db, setId, { now: T0, dueBefore });
			expect(masteryFromCounts(setId, 250, counts, T0)).toEqual(setMastery(setId, 250, mine, T0));
			expect(dueForecast(dueSoon, T0, opts)).toEqual(dueForecast(mine, T0, opts));
			expect(dueSoon.length).toBeLessThan(Math.max(1, mine.length));
		}
		db.close();
	});
});
