// Export a set as an Anki deck (.apkg). The Anki writer and SQLite (WebAssembly) load only
// here, when the teacher asks for the file.
import type { QuestionSet } from '$lib/bank/schema';
import type { ExportFile } from './export';

export type BinaryExportFile = Omit<ExportFile, 'text'> & { bytes: Uint8Array };

export async function exportApkgFile(set: QuestionSet, now: number): Promise<BinaryExportFile> {
	const [{ loadSql }, { setToApkg }] = await Promise.all([
		import('$lib/bank/formats/anki/browser'),
		import('$lib/bank/formats/anki/write')
	]);
	const { bytes } = await setToApkg(set, await loadSql(), now);
	const other = set.questions.filter((q) => q.type !== 'flashcard' && q.type !== 'cloze').length;
	const quotes = set.questions.filter((q) => q.source?.quote).length;
	const notes = [
		other
			? `${other} ${other === 1 ? 'question' : 'questions'} of other types became Basic notes with the answer on the back.`
			: '',
		quotes ? `Source quotes are on the back of their notes.` : ''
	].filter(Boolean);
	return {
		name: `${set.id}.apkg`,
		bytes,
		mime: 'application/octet-stream',
		...(notes.length ? { summary: notes.join(' ') } : {}),
		warnings: []
	};
}
