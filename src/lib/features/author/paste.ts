// Pasted text, kept out of the text field when it is large. A browser text field slows to
// minutes on megabytes (far worse with `dir="auto"`, which scans the whole text for its
// direction), so a big paste is held here, shown as a summary, and parsed in a Worker.
import { LIMITS } from '$lib/core/bank/schema';

/** Above this many characters a paste is held instead of entering the field. */
export const PASTE_INLINE_MAX = 50_000;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** UTF-8 size without encoding the whole text (a paste can be many megabytes). */
export function utf8Length(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}

/** Why a paste is refused before it goes anywhere, if it is. */
export function pasteProblem(text: string): string | undefined {
	// Each UTF-16 unit is at least one UTF-8 byte, so this needs no scan when far too big.
	const bytes = text.length > LIMITS.fileBytes ? text.length : utf8Length(text);
	if (bytes > LIMITS.fileBytes)
		return `The pasted text is too large: ${mb(bytes)}, the limit is ${mb(LIMITS.fileBytes)}. Nothing was pasted. Save it as a file and import a part at a time.`;
	return undefined;
}

const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /\p{L}/u;

/** The direction of the first strong letter in the first few thousand characters. */
export function textDirection(text: string): 'ltr' | 'rtl' {
	const sample = text.slice(0, 4000);
	for (const ch of sample) {
		if (RTL.test(ch)) return 'rtl';
		if (LETTER.test(ch)) return 'ltr';
	}
	return 'ltr';
}

/** "4.4 MB, 41,230 lines" for a held paste. */
export function describePaste(text: string): string {
	let lines = 1;
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
	return `${mb(utf8Length(text))}, ${lines.toLocaleString('en')} lines`;
}
