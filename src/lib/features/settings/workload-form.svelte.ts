// Settings → Workload: load balancing, easy days and a break. Saving a break offers to
// move the reviews already planned inside it (new answers avoid it by themselves).
/* eslint-disable svelte/prefer-svelte-reactivity -- Dates here are one-off clock reads. */
import {
	dayFromKey,
	dayStart,
	EASY_DAY_LEVELS,
	isDayKey,
	moveOutOfBreak,
	type SrsSettings,
	type Vacation
} from '$lib/core/srs';
import {
	cardsDueBetween,
	countSuspended,
	getSrsSettings,
	putSrsSettings,
	rescheduleDueBetween,
	unsuspendAll
} from '$lib/platform/storage';
import type { AppDeps } from '$lib/platform/deps';

export type WorkloadStatus =
	| { kind: 'loading' | 'ready' | 'saving' | 'saved' | 'invalid' }
	| { kind: 'error'; message: string };

export const WEEKDAYS = [
	'Sunday',
	'Monday',
	'Tuesday',
	'Wednesday',
	'Thursday',
	'Friday',
	'Saturday'
] as const;

export const EASY_DAY_NAMES: Record<(typeof EASY_DAY_LEVELS)[number], string> = {
	1: 'Normal',
	0.5: 'Reduced',
	0: 'Minimum'
};

export class WorkloadForm {
	#deps: AppDeps;
	loadBalance = $state(true);
	/** Sunday first, as strings for the selects ("1", "0.5", "0"). */
	easyDays = $state<string[]>(Array(7).fill('1'));
	breakStart = $state('');
	breakEnd = $state('');
	status = $state<WorkloadStatus>({ kind: 'loading' });
	/** Why the break was not saved. */
	breakError = $state<string | undefined>(undefined);
	/** Reviews already planned inside the saved break. */
	inBreak = $state(0);
	/** Said after moving them. */
	moved = $state<number | undefined>(undefined);
	/** Cards suspended from the study screen (leeches). */
	suspended = $state(0);
	/** Said after bringing them back. */
	restored = $state<number | undefined>(undefined);
	#vacation: Vacation | null = null;

	constructor(deps: AppDeps) {
		this.#deps = deps;
	}

	edited(): void {
		if (this.status.kind === 'saved' || this.status.kind === 'invalid')
			this.status = { kind: 'ready' };
		this.moved = undefined;
	}

	async load(): Promise<void> {
		try {
			const db = await this.#deps.open();
			this.#show(await getSrsSettings(db));
			await this.#countInBreak();
			this.suspended = await countSuspended(db);
			this.status = { kind: 'ready' };
		} catch (e) {
			this.status = { kind: 'error', message: this.#deps.showError(e) };
		}
	}

	#parseBreak(): { ok: true; value: Vacation | null } | { ok: false; message: string } {
		const start = this.breakStart.trim();
		const end = this.breakEnd.trim();
		if (!start && !end) return { ok: true, value: null };
		if (!start || !end)
			return { ok: false, message: 'Enter both the first and the last day of the break.' };
		if (!isDayKey(start) || !isDayKey(end))
			return { ok: false, message: 'Enter the days as dates, like 2025-07-14.' };
		if (end < start) return { ok: false, message: 'The break must end on or after its first day.' };
		return { ok: true, value: { start, end } };
	}

	async save(): Promise<boolean> {
		const parsed = this.#parseBreak();
		if (!parsed.ok) {
			this.breakError = parsed.message;
			this.status = { kind: 'invalid' };
			return false;
		}
		this.breakError = undefined;
		this.status = { kind: 'saving' };
		try {
			const stored = await putSrsSettings(await this.#deps.open(), {
				loadBalance: this.loadBalance,
				easyDays: this.easyDays.map(Number),
				vacation: parsed.value
			});
			this.#show(stored);
			await this.#countInBreak();
			this.status = { kind: 'saved' };
			return true;
		} catch (e) {
			this.status = { kind: 'error', message: this.#deps.showError(e) };
			return false;
		}
	}

	/** Moves the reviews planned inside the saved break to just before or after it. */
	async moveOut(): Promise<void> {
		const vacation = this.#vacation;
		if (!vacation) return;
		const now = this.#deps.now();
		const opts = { offsetMinutes: new Date(now).getTimezoneOffset() };
		const { from, to } = this.#window(vacation, opts);
		try {
			this.moved = await rescheduleDueBetween(await this.#deps.open(), from, to, (cards) =>
				moveOutOfBreak(cards, vacation, now, opts)
			);
			await this.#countInBreak();
		} catch (e) {
			this.status = { kind: 'error', message: this.#deps.showError(e) };
		}
	}

	/** Returns every suspended card to reviews, each due when it was before. */
	async unsuspendAll(): Promise<void> {
		try {
			const db = await this.#deps.open();
			this.restored = await unsuspendAll(db);
			this.suspended = await countSuspended(db);
		} catch (e) {
			this.status = { kind: 'error', message: this.#deps.showError(e) };
		}
	}

	#window(v: Vacation, opts: { offsetMinutes: number }) {
		return { from: dayStart(dayFromKey(v.start), opts), to: dayStart(dayFromKey(v.end) + 1, opts) };
	}

	async #countInBreak(): Promise<void> {
		const vacation = this.#vacation;
		if (!vacation) {
			this.inBreak = 0;
			return;
		}
		const now = this.#deps.now();
		const opts = { offsetMinutes: new Date(now).getTimezoneOffset() };
		const { from, to } = this.#window(vacation, opts);
		const cards = await cardsDueBetween(await this.#deps.open(), from, to);
		this.inBreak = moveOutOfBreak(cards, vacation, now, opts).length;
	}

	#show(s: SrsSettings): void {
		this.loadBalance = s.loadBalance;
		this.easyDays = s.easyDays.map(String);
		this.#vacation = s.vacation;
		this.breakStart = s.vacation?.start ?? '';
		this.breakEnd = s.vacation?.end ?? '';
	}
}
