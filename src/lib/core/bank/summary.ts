// What lists show about a set. Kept free of the schema and validator so the home page's
// JavaScript does not carry them.
import type { QuestionSet } from './schema';

export interface SetSummary {
	id: string;
	version: number;
	title: string;
	description?: string;
	questionCount: number;
	source?: QuestionSet['source'];
}

export function summarize(set: QuestionSet): SetSummary {
	return {
		id: set.id,
		version: set.version,
		title: set.title,
		...(set.description ? { description: set.description } : {}),
		questionCount: set.questions.length,
		...(set.source ? { source: set.source } : {})
	};
}
