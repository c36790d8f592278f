// The study settings form: text fields, inline errors, and a save that shows what was
// stored (putSrsSettings clamps, so the form always ends up showing the real values).
import { DEFAULT_SETTINGS, SETTINGS_LIMITS, type SrsSettings } from '$lib/core/srs';
import { getSrsSettings, putSrsSettings } from '$lib/platform/storage';
import type { AppDeps } from '$lib/platform/deps';
import { parseRetentionPercent, parseWholeNumber, type Parsed } from './settings-fields';

export type FormStatus =
	| { kind: 'loading' }
	| { kind: 'ready' }
	| { kind: 'saving' }
	| { kind: 'saved' }
	| { kind: 'invalid' }
	| { kind: 'error'; message: string };

type Field = 'retention' | 'newPerDay' | 'reviewsPerDay';

const toPercent = (r: number) => String(Math.round(r * 100));

export class SettingsForm {
	#deps: AppDeps;
	/** Whole percent; a range input binds it as a number. */
	retention = $state<number | string>(toPercent(DEFAULT_SETTINGS.desiredRetention));
	newPerDay = $state(String(DEFAULT_SETTINGS.newPerDay));
	burySiblings = $state(DEFAULT_SETTINGS.burySiblings);
	reviewsPerDay = $state(String(DEFAULT_SETTINGS.reviewsPerDay));
	#status = $state<FormStatus>({ kind: 'loading' });
	/** Errors show after the first save attempt, then follow every keystroke. */
	#tried = $state(false);

	#parsed = $derived({
		retention: parseRetentionPercent(String(this.retention)),
		newPerDay: parseWholeNumber(this.newPerDay, SETTINGS_LIMITS.newPerDay),
		reviewsPerDay: parseWholeNumber(this.reviewsPerDay, SETTINGS_LIMITS.reviewsPerDay)
	} satisfies Record<Field, Parsed>);

	constructor(deps: AppDeps) {
		this.#deps = deps;
	}

	get status(): FormStatus {
		return this.#status;
	}

	/** The message for a field, or undefined when it is fine (or not yet judged). */
	error(field: Field): string | undefined {
		const p = this.#parsed[field];
		return this.#tried && !p.ok ? p.message : undefined;
	}

	get errorFields(): Field[] {
		return (Object.keys(this.#parsed) as Field[]).filter((f) => this.error(f));
	}

	/** Call on any edit: a "Saved" from before no longer describes the form. */
	edited(): void {
		if (this.#status.kind === 'saved' || this.#status.kind === 'invalid')
			this.#status = { kind: 'ready' };
	}

	async load(): Promise<void> {
		try {
			this.#show(await getSrsSettings(await this.#deps.open()));
			this.#status = { kind: 'ready' };
		} catch (e) {
			this.#status = { kind: 'error', message: this.#deps.showError(e) };
		}
	}

	/** Validates, then stores; returns false (and shows errors) when a field is wrong. */
	async save(): Promise<boolean> {
		this.#tried = true;
		const { retention, newPerDay, reviewsPerDay } = this.#parsed;
		if (!retention.ok || !newPerDay.ok || !reviewsPerDay.ok) {
			this.#status = { kind: 'invalid' };
			return false;
		}
		this.#status = { kind: 'saving' };
		try {
			const db = await this.#deps.open();
			const stored = await putSrsSettings(db, {
				desiredRetention: retention.value,
				newPerDay: newPerDay.value,
				reviewsPerDay: reviewsPerDay.value,
				burySiblings: this.burySiblings
			});
			this.#show(stored);
			this.#status = { kind: 'saved' };
			return true;
		} catch (e) {
			this.#status = { kind: 'error', message: this.#deps.showError(e) };
			return false;
		}
	}

	#show(s: SrsSettings): void {
		this.retention = toPercent(s.desiredRetention);
		this.newPerDay = String(s.newPerDay);
		this.reviewsPerDay = String(s.reviewsPerDay);
		this.burySiblings = s.burySiblings;
		this.#tried = false;
	}
}
