// Export a set as an Anki deck (.apkg). The Anki writer and SQLite (WebAssembly) load only
// here, when the teacher asks for the file.
import type { QuestionSet } from '$lib/core/bank/schema';
import { database } from '$lib/platform/database.svelte';
import { progressForSet } from '$lib/platform/storage/set-progress';
import { listSetMedia } from '$lib/platform/storage/media';
import type { ExportFile } from '$lib/core/authoring/export';

export type BinaryExportFile = Omit<ExportFile, 'text'> & { bytes: Uint8Array };

/** `withProgress` carries this device's scheduling and review log for the set's questions. */
export async function exportApkgFile(
	set: QuestionSet,
	now: number,
	withProgress = false
): Promise<BinaryExportFile> {
	const db = await database.open();
	const progress = withProgress ? await progressForSet(db, set.id) : undefined;
	const media = new Map((await listSetMedia(db, set.id)).map((m) => [m.name, m.bytes]));
	const [{ loadSql }, { setToApkg }] = await Promise.all([
		import('$lib/platform/anki/load-sql'),
		import('$lib/core/bank/formats/anki/write')
	]);
	const {
		bytes,
		withProgress: carried,
		images,
		missingImages
	} = await setToApkg(set, await loadSql(), now, progress, media);
	const other = set.questions.filter((q) => q.type !== 'flashcard' && q.type !== 'cloze').length;
	const quotes = set.questions.filter((q) => q.source?.quote).length;
	const notes = [
		other
			? `${other} ${other === 1 ? 'question' : 'questions'} of other types became Basic notes with the answer on the back.`
			: '',
		quotes ? `Source quotes are on the back of their notes.` : '',
		withProgress ? `Progress of ${carried} ${carried === 1 ? 'card' : 'cards'} included.` : '',
		images ? `${images} ${images === 1 ? 'image' : 'images'} included.` : ''
	].filter(Boolean);
	return {
		name: `${set.id}.apkg`,
		bytes,
		mime: 'application/octet-stream',
		...(notes.length ? { summary: notes.join(' ') } : {}),
		warnings: missingImages.map(
			(n) => `image "${n}" is not stored on this device, so the deck goes without it`
		)
	};
}
