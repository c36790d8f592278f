// Small named values about the database itself.
import type { Db } from './db';

export interface MetaValues {
	/** Written by every upgrade; checkDatabase repairs it. */
	schemaVersion: number;
	/** Epoch ms of the first saved answer: the moment to ask `navigator.storage.persist()`. */
	firstProgressAt: number;
	/** Epoch ms of the last backup export, for a "back up your progress" reminder. */
	lastBackupAt: number;
}

export type MetaKey = keyof MetaValues;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export async function getMeta<K extends MetaKey>(
	db: Db,
	key: K
): Promise<MetaValues[K] | undefined> {
	const value = await db.get('meta', key);
	return isNumber(value) ? value : undefined;
}

export async function setMeta<K extends MetaKey>(
	db: Db,
	key: K,
	value: MetaValues[K]
): Promise<void> {
	await db.put('meta', value, key);
}
