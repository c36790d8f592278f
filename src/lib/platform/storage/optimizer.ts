// What the last optimisation changed, so the student can go back. Kept in the settings
// store (so backups carry it) under its own key; read leniently like the settings.
import { normalizeSettings, PARAMETER_COUNT } from '../../core/srs/settings';
import type { Db } from './db';
import { SRS_SETTINGS_KEY } from './settings';

export const OPTIMIZER_KEY = 'optimizer';

export interface Figures {
	logLoss: number;
	rmse: number;
}

export interface OptimizerRecord {
	/** Epoch ms the trained parameters were applied. */
	appliedAt: number;
	/** Answers they were trained on. */
	reviews: number;
	/** The parameters in use before (null: the defaults); "Go back" restores them. */
	previous: number[] | null;
	before: Figures;
	after: Figures;
}

const isFigures = (v: unknown): v is Figures =>
	!!v &&
	typeof v === 'object' &&
	Number.isFinite((v as Figures).logLoss) &&
	Number.isFinite((v as Figures).rmse);

const isParameters = (v: unknown): v is number[] =>
	Array.isArray(v) && v.length === PARAMETER_COUNT && v.every((n) => Number.isFinite(n));

export async function getOptimizerRecord(db: Db): Promise<OptimizerRecord | undefined> {
	const v = (await db.get('settings', OPTIMIZER_KEY)) as Partial<OptimizerRecord> | undefined;
	if (!v || typeof v !== 'object') return undefined;
	if (!Number.isFinite(v.appliedAt) || !Number.isFinite(v.reviews)) return undefined;
	if (!(v.previous === null || isParameters(v.previous))) return undefined;
	if (!isFigures(v.before) || !isFigures(v.after)) return undefined;
	return v as OptimizerRecord;
}

/** Sets the parameters and records what they replaced, in one transaction. */
export async function applyParameters(
	db: Db,
	parameters: number[] | null,
	record: OptimizerRecord | null
): Promise<void> {
	const tx = db.transaction('settings', 'readwrite');
	const current = normalizeSettings(await tx.store.get(SRS_SETTINGS_KEY));
	const next = normalizeSettings({ ...current, parameters });
	await Promise.all([
		tx.store.put(next, SRS_SETTINGS_KEY),
		record ? tx.store.put(record, OPTIMIZER_KEY) : tx.store.delete(OPTIMIZER_KEY),
		tx.done
	]);
}
