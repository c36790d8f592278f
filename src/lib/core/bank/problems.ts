// A problem names where it is (ARCHITECTURE.md "Layers"): `questions[12].options[2]: empty option`,
// or `line 41: …` for text formats.

export interface Problem {
	/** Dotted path into the set, e.g. `questions[12].options[2]`; empty for the whole input. */
	path: string;
	message: string;
	/** The question's id, when the problem is inside one. */
	questionId?: string;
	/** 1-based line in a text input (GIFT, CSV, JSON syntax errors). */
	line?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function formatProblem(p: Problem): string {
	const where = [
		p.line !== undefined ? `line ${p.line}` : '',
		p.questionId ? `question ${p.questionId}` : '',
		p.path
	]
		.filter(Boolean)
		.join(', ');
	return where ? `${where}: ${p.message}` : p.message;
}

export function fail<T>(message: string, extra: Partial<Problem> = {}): Result<T> {
	return { ok: false, problems: [{ path: '', message, ...extra }] };
}
