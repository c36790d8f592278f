// The Stats screen's state. Reads only what it shows, never the whole collection: the
// review tallies (running totals per quarter hour, kept with every answer: core/srs/tally.ts)
// from the start of the calendar (12 weeks, which covers the 30-day charts), and the card
// counts (per set and quarter hour of due time, kept with every card write:
// core/srs/card-count.ts) for mastery and the forecast. The numbers come from the pure
// buildStats. Retention by question type needs each question's type, which only the set
// knows: the sets with answers to learned cards in that window are read. In the (today
// unknown) timezone whose study days are not whole quarter hours, the answers and the
// cards themselves are read.
import {
	cardsForSet,
	countsBefore,
	countsDetailFrom,
	dueBySet,
	getSrsSettings,
	hasReviews,
	reviewsSince,
	setTotals,
	studiedDueBySet,
	talliesFrom,
	talliesSince,
	type Db
} from '$lib/platform/storage';
import type { CatalogEntry } from '$lib/platform/catalog/catalog';
import { dueSlot } from '$lib/core/srs/card-count';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import { startOfDay, State } from '$lib/core/srs';
import { talliedSets, talliesFitDays } from '$lib/core/srs/tally';
import { typesOfSets } from './question-types';
import {
	buildStats,
	cardFiguresFromCards,
	cardFiguresFromCounts,
	dayOptions,
	forecastEnd,
	figuresFromEntries,
	figuresFromTallies,
	statsWindowStart,
	type CardFigures,
	type StatsData
} from './stats-data';

export type StatsView =
	| { kind: 'loading' }
	| { kind: 'empty' }
	| { kind: 'ready'; data: StatsData }
	| { kind: 'error'; message: string };

export class StatsPage {
	#deps: AppDeps;
	#view = $state<StatsView>({ kind: 'loading' });

	constructor(deps: Deps = {}) {
		this.#deps = appDeps(deps);
	}

	get current(): StatsView {
		return this.#view;
	}

	async load(): Promise<void> {
		const deps = this.#deps;
		try {
			const db = await deps.open();
			if (!(await hasReviews(db))) {
				this.#view = { kind: 'empty' };
				return;
			}
			const now = deps.now();
			const from = statsWindowStart(now);
			// Tallies hold whole study days here, from when they were kept (a restore keeps
			// the recent ones; a clock set back before that reads the log).
			const counted = talliesFitDays(dayOptions(now)) && from >= (await talliesFrom(db));
			// The card counts have quarter-hour detail from when they were built on; a clock
			// set back before that reads the cards.
			const detailed =
				counted && (await countsDetailFrom(db, dueSlot(startOfDay(now, dayOptions(now)))));
			const log = counted
				? talliesSince(db, from).then((t) => ({ tallies: t, setIds: talliedSets(t) }))
				: reviewsSince(db, from).then((e) => ({
						entries: e,
						setIds: e.filter((r) => r.state === State.Review).map((r) => r.setId)
					}));
			const [read, settings, sets] = await Promise.all([
				log,
				getSrsSettings(db),
				deps.catalog.list()
			]);
			const ids = sets.map((s) => s.id);
			const [cardFigures, questionTypes, duePerSet] = await Promise.all([
				readCardFigures(db, sets, now, detailed),
				typesOfSets(deps.catalog, read.setIds),
				// The same count as Home's "due", from the same function (issue 13).
				dueBySet(db, now, ids)
			]);
			const dueNow = Object.values(duePerSet).reduce((n, x) => n + x, 0);
			const input = { now, desiredRetention: settings.desiredRetention, questionTypes };
			this.#view = {
				kind: 'ready',
				data: buildStats({
					now,
					dueNow,
					log:
						'tallies' in read
							? figuresFromTallies(read.tallies, input)
							: figuresFromEntries(read.entries, input),
					cardFigures,
					sets,
					workload: settings
				})
			};
		} catch (e) {
			this.#view = { kind: 'error', message: deps.showError(e) };
		}
	}
}

/**
 * The card figures: from the running counts (a few records per set, never the cards), or
 * from every card of the listed sets where study days are not whole quarter hours.
 */
export async function readCardFigures(
	db: Db,
	sets: readonly CatalogEntry[],
	now: number,
	fromCounts: boolean
): Promise<CardFigures> {
	const ids = sets.map((s) => s.id);
	if (!fromCounts) {
		const cards = (await Promise.all(ids.map((id) => cardsForSet(db, id)))).flat();
		return cardFiguresFromCards(cards, sets, now);
	}
	// Everything due before the forecast's end; cards due before today (all of which count
	// toward today) a week at a time.
	const from = dueSlot(startOfDay(now, dayOptions(now)));
	const until = dueSlot(forecastEnd(now));
	const store = db.transaction('cardCounts').store;
	const [totals, dueSlots, dueStudied] = await Promise.all([
		setTotals(db, ids),
		Promise.all(ids.map((id) => countsBefore(store, id, from, until))).then((c) => c.flat()),
		studiedDueBySet(db, now, ids)
	]);
	return cardFiguresFromCounts({ now, sets, totals, dueSlots, dueStudied });
}
