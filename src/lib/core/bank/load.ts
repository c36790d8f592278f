// A bundled set lives in `questions/<id>/` as `set.json` plus `source.txt` (the text its
// quotes cite). These helpers join the two; reading files is the caller's job (Node
// scripts use fs, the build uses Vite), so this module stays pure.
import { parseJson } from './formats/json';
import { parseSet } from './validate';
import type { Result } from './problems';
import type { QuestionSet } from './schema';

export const SET_FILE = 'set.json';
export const SOURCE_FILE = 'source.txt';

/** Parses a set's JSON text, taking its source text from `source.txt` when it has none inline. */
export function assembleSet(jsonText: string, sourceText?: string): Result<QuestionSet> {
	const parsed = parseJson(jsonText);
	if (!parsed.ok) return parsed;
	let value = parsed.value;
	if (
		sourceText !== undefined &&
		value &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		!('sourceText' in value)
	) {
		value = { ...value, sourceText };
	}
	return parseSet(value);
}

export { summarize, type SetSummary } from './summary';
