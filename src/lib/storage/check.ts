// Finds and repairs inconsistencies a crash, an old bug or a hand-edited backup could
// leave behind. Repairs favour keeping the user's history: only records that cannot be
// trusted are removed, and a second run finds nothing.
import * as v from 'valibot';
import { normalizeSettings } from '../srs/settings';
import { DEFAULT_SETTINGS } from '../srs/settings';
import { DB_VERSION, type Db } from './db';
import { STORE_NAMES } from './schema';
import { SRS_SETTINGS_KEY } from './settings';
import { ReviewEntrySchema, StoredCardSchema } from './validators';

export interface CheckReport {
	/** Cards with invalid fields (NaN, out of range, id not matching): deleted, so the
	 * question is new again. */
	invalidCards: number;
	/** Log entries with invalid fields: deleted. */
	invalidReviews: number;
	/** Log entries whose card no longer exists: deleted (undo could not restore them). */
	orphanReviews: number;
	/** Cards whose leech flag disagrees with their lapses: fixed. */
	leechFlags: number;
	/** Settings or schema version stored wrong: rewritten. */
	meta: number;
	/** Cards of known sets whose question no longer exists: counted, kept (the question
	 * may come back in a later version of the set). */
	unknownQuestions: number;
}

export function isClean(r: CheckReport): boolean {
	return r.invalidCards + r.invalidReviews + r.orphanReviews + r.leechFlags + r.meta === 0;
}

/**
 * @param knownQuestionIds set id → question ids currently in that set; sets not in the
 * map are not judged.
 */
export async function checkDatabase(
	db: Db,
	knownQuestionIds?: ReadonlyMap<string, ReadonlySet<string>>
): Promise<CheckReport> {
	const report: CheckReport = {
		invalidCards: 0,
		invalidReviews: 0,
		orphanReviews: 0,
		leechFlags: 0,
		meta: 0,
		unknownQuestions: 0
	};
	const tx = db.transaction([...STORE_NAMES], 'readwrite');
	const settingsStore = tx.objectStore('settings');
	const storedSettings = await settingsStore.get(SRS_SETTINGS_KEY);
	const settings = normalizeSettings(storedSettings ?? DEFAULT_SETTINGS);
	// A field added since the settings were saved is not damage: only stored values count.
	const damaged =
		storedSettings !== undefined &&
		(typeof storedSettings !== 'object' ||
			storedSettings === null ||
			Object.entries(storedSettings).some(
				([k, v]) =>
					JSON.stringify(v) !== JSON.stringify((settings as unknown as Record<string, unknown>)[k])
			));
	if (damaged) {
		report.meta++;
		await settingsStore.put(settings, SRS_SETTINGS_KEY);
	}
	if ((await tx.objectStore('meta').get('schemaVersion')) !== DB_VERSION) {
		report.meta++;
		await tx.objectStore('meta').put(DB_VERSION, 'schemaVersion');
	}

	const cardIds = new Set<string>();
	for (let c = await tx.objectStore('cards').openCursor(); c; c = await c.continue()) {
		const card = c.value;
		if (!v.is(StoredCardSchema, card) || c.key !== card.id) {
			report.invalidCards++;
			await c.delete();
			continue;
		}
		cardIds.add(card.id);
		const known = knownQuestionIds?.get(card.setId);
		if (known && !known.has(card.questionId)) report.unknownQuestions++;
		// Leech is sticky once set (the user may have chosen to keep studying it); only a
		// missing flag is repaired.
		if (!card.leech && card.lapses >= settings.leechThreshold) {
			report.leechFlags++;
			await c.update({ ...card, leech: true });
		}
	}

	for (let c = await tx.objectStore('reviews').openCursor(); c; c = await c.continue()) {
		const entry = c.value;
		if (!v.is(ReviewEntrySchema, entry) || entry.id !== c.key) {
			report.invalidReviews++;
			await c.delete();
		} else if (!cardIds.has(entry.cardId)) {
			report.orphanReviews++;
			await c.delete();
		}
	}
	await tx.done;
	return report;
}
