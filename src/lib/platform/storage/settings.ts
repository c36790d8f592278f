// Study settings, validated on every read: a stored value from an older version or a
// hand-edited backup becomes valid settings instead of breaking the scheduler.
import { normalizeSettings, type SrsSettings } from '../../core/srs/settings';
import type { Db } from './db';

export const SRS_SETTINGS_KEY = 'srs';

export async function getSrsSettings(db: Db): Promise<SrsSettings> {
	return normalizeSettings(await db.get('settings', SRS_SETTINGS_KEY));
}

/** Stores the normalized (clamped) settings and returns them, so the UI shows what holds. */
export async function putSrsSettings(db: Db, settings: Partial<SrsSettings>): Promise<SrsSettings> {
	const current = await getSrsSettings(db);
	const next = normalizeSettings({ ...current, ...settings });
	await db.put('settings', next, SRS_SETTINGS_KEY);
	return next;
}
