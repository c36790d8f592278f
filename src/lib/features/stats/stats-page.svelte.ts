// The Stats screen's state. Reads only what it shows: the review log from the start of
// the calendar (12 weeks, which covers the 30-day charts) and each known set's cards
// through the by-set index; the numbers come from the pure buildStats. Retention by
// question type needs each question's type, which only the set knows: the sets with
// answers to learned cards in that window are read, in parallel with the cards.
import {
	cardsForSet,
	countDueBySet,
	countReviews,
	getSrsSettings,
	reviewsSince
} from '$lib/platform/storage';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import { typesOfReviewed } from './question-types';
import { buildStats, statsWindowStart, type StatsData } from './stats-data';

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
			if ((await countReviews(db)) === 0) {
				this.#view = { kind: 'empty' };
				return;
			}
			const now = deps.now();
			const [entries, settings, sets] = await Promise.all([
				reviewsSince(db, statsWindowStart(now)),
				getSrsSettings(db),
				deps.catalog.list()
			]);
			const [cards, questionTypes] = await Promise.all([
				Promise.all(sets.map((s) => cardsForSet(db, s.id))).then((c) => c.flat()),
				typesOfReviewed(deps.catalog, entries)
			]);
			// The same count as Home's "due", from the same function (issue 13).
			const dueBySet = await countDueBySet(
				db,
				now,
				sets.map((s) => s.id)
			);
			const dueNow = Object.values(dueBySet).reduce((n, x) => n + x, 0);
			this.#view = {
				kind: 'ready',
				data: buildStats({
					now,
					dueNow,
					entries,
					cards,
					sets,
					desiredRetention: settings.desiredRetention,
					questionTypes,
					workload: settings
				})
			};
		} catch (e) {
			this.#view = { kind: 'error', message: deps.showError(e) };
		}
	}
}
