// Export a set as a file download. The writers load lazily; the download is a Blob and a
// temporary <a download>, so it works offline and needs no server.
import type { QuestionSet } from '$lib/core/bank/schema';
import type { Format } from '$lib/core/bank/formats';
import { formatProblem } from '$lib/core/bank/problems';

export const EXPORT_FORMATS: { format: Format; label: string }[] = [
	{ format: 'json', label: 'JSON' },
	{ format: 'gift', label: 'GIFT' },
	{ format: 'aiken', label: 'Aiken' },
	{ format: 'csv', label: 'CSV' },
	{ format: 'tsv', label: 'TSV' },
	{ format: 'moodle', label: 'Moodle XML' }
];

const MIME: Record<Format, string> = {
	json: 'application/json',
	gift: 'text/plain',
	aiken: 'text/plain',
	csv: 'text/csv',
	tsv: 'text/tab-separated-values',
	moodle: 'application/xml'
};

export interface ExportFile {
	name: string;
	text: string;
	mime: string;
	/** A one-line summary of what was left out, when anything was. */
	summary?: string;
	warnings: string[];
}

export async function exportFile(set: QuestionSet, format: Format): Promise<ExportFile> {
	const { exportSet, EXTENSION_OF } = await import('$lib/core/bank/formats');
	const { text, warnings } = exportSet(set, format);
	const left = format === 'aiken' ? warnings.filter((w) => /skipped$/.test(w.message)).length : 0;
	const label = EXPORT_FORMATS.find((f) => f.format === format)?.label ?? format;
	let summary: string | undefined;
	if (left)
		summary = `${left} ${left === 1 ? 'question cannot' : 'questions cannot'} be written in ${label} and ${left === 1 ? 'was' : 'were'} left out.`;
	else if (warnings.length)
		summary = `${warnings.length} ${warnings.length === 1 ? 'detail' : 'details'} cannot be carried by ${label}.`;
	return {
		name: `${set.id}${EXTENSION_OF[format]}`,
		text,
		mime: `${MIME[format]};charset=utf-8`,
		...(summary ? { summary } : {}),
		warnings: warnings.map(formatProblem)
	};
}
