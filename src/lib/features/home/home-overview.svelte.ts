// What the home page shows beyond the prerendered list of bundled sets: sets stored on
// this device, due and new counts per set, today's total, and recent quizzes. Loaded in
// the browser after mount; until then `status` is loading and the page shows placeholders,
// so the first client render equals the prerendered HTML.
/* eslint-disable svelte/prefer-svelte-reactivity -- Maps, Sets and Dates here are private
   working values or one-off clock reads; what the UI reads is in $state fields. */
import { appDeps, type AppDeps, type Deps, type LoadState } from '$lib/platform/deps';
import type { SetSummary } from '$lib/core/bank/summary';
import { mergeSets, type CatalogEntry } from '$lib/platform/catalog/catalog';
// Direct modules, not the $lib/core/srs barrel: the barrel re-exports the scheduler, which
// would put ts-fsrs on the home page.
import { startOfDay } from '$lib/core/srs/day';
import { studiedSince } from '$lib/core/srs/studied';
import { dueBySet, setTotals } from '$lib/platform/storage/card-counts';
import { getSrsSettings } from '$lib/platform/storage/settings';
import { recentAttempts } from '$lib/platform/storage/attempts';
import { reviewsSince } from '$lib/platform/storage/review-log';

export interface SetCounts {
	/** Cards due now (learning and review). */
	due: number;
	/** Questions never studied. */
	new: number;
}

export interface RecentQuiz {
	id: string;
	setId: string;
	title: string;
	/** 0–100, rounded. */
	percent: number;
	/** Epoch ms it finished. */
	at: number;
}

export interface HomeOverviewOptions extends Deps {
	/** Minutes west of UTC at `now`, as `Date.prototype.getTimezoneOffset`. */
	offsetMinutes?: (now: number) => number;
}

export class HomeOverview {
	#deps: AppDeps;
	#offset: (now: number) => number;
	#bundled: readonly SetSummary[];
	#device = $state.raw<CatalogEntry[]>([]);

	/** Per set id; empty until loaded. */
	counts = $state.raw<Record<string, SetCounts>>({});
	/** Today's study across all sets: everything due, and new cards within today's limit. */
	today = $state.raw<SetCounts>({ due: 0, new: 0 });
	recent = $state.raw<RecentQuiz[]>([]);
	/** Unstudied questions held back by today's new-card limit (quizzes count toward it). */
	newHeldBack = $state(0);
	/** Today's new-card limit, for saying why nothing is left. */
	newPerDay = $state(0);
	/** Some card has been studied on this device: "Continue" rather than "Start". */
	started = $state(false);
	/** Until loaded the page shows placeholders (the prerendered HTML). */
	status = $state<LoadState>({ kind: 'loading' });

	constructor(bundled: readonly SetSummary[], options: HomeOverviewOptions = {}) {
		this.#bundled = bundled;
		this.#deps = appDeps(options);
		this.#offset = options.offsetMinutes ?? ((now) => new Date(now).getTimezoneOffset());
	}

	/** Bundled sets first (as prerendered), then this device's sets once loaded. */
	get sets(): CatalogEntry[] {
		return mergeSets(this.#bundled, this.#device);
	}

	get total(): number {
		return this.today.due + this.today.new;
	}

	async load(): Promise<void> {
		try {
			const db = await this.#deps.open();
			this.#device = await this.#deps.catalog.device();
			const sets = this.sets;
			const now = this.#deps.now();
			const counts: Record<string, SetCounts> = {};
			// Running counts only (core/srs/card-count.ts): the home page never walks the cards.
			const ids = sets.map((s) => s.id);
			const [dueNow, totals] = await Promise.all([dueBySet(db, now, ids), setTotals(db, ids)]);
			for (const s of sets) {
				const stored = totals.get(s.id)?.all ?? 0;
				counts[s.id] = { due: dueNow[s.id] ?? 0, new: Math.max(0, s.questionCount - stored) };
				if (stored > 0) this.started = true;
			}
			const settings = await getSrsSettings(db);
			const dayStart = startOfDay(now, { offsetMinutes: this.#offset(now) });
			const studiedToday = studiedSince(await reviewsSince(db, dayStart), dayStart);
			const newRoom = Math.max(0, settings.newPerDay - studiedToday.new);
			let due = 0;
			let fresh = 0;
			for (const c of Object.values(counts)) {
				due += c.due;
				fresh += c.new;
			}
			const titles = new Map(sets.map((s) => [s.id, s.title]));
			const attempts = await recentAttempts(db, { limit: 5 });
			this.counts = counts;
			this.today = { due, new: Math.min(fresh, newRoom) };
			this.newHeldBack = Math.max(0, fresh - newRoom);
			this.newPerDay = settings.newPerDay;
			this.recent = attempts
				.filter((a) => a.finishedAt !== null)
				.map((a) => ({
					id: a.id,
					setId: a.setId,
					title: titles.get(a.setId) ?? a.setId,
					percent: a.maxScore > 0 ? Math.round((a.score / a.maxScore) * 100) : 0,
					at: a.finishedAt ?? a.startedAt
				}));
			this.status = { kind: 'ready' };
		} catch (e) {
			this.status = { kind: 'error', message: this.#deps.showError(e) };
		}
	}
}
