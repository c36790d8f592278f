// Anki-style cloze blanks: {{c1::answer}} or {{c1::answer::hint}}. A blank may list other
// accepted answers after the shown one, `{{c1::emboldened|encouraged::hint}}`, for a gap
// that has honest synonyms (Anki has no such syntax; it reads the whole as one answer).

export interface ClozeBlank {
	/** The cloze number (c1 → 1). Blanks sharing a number are asked together. */
	n: number;
	/** The answer shown (the first listed). */
	answer: string;
	hint?: string;
	/** Every accepted answer, the shown one first; only when the blank lists more than one. */
	accepted?: string[];
}

export type ClozePart =
	{ kind: 'text'; text: string } | ({ kind: 'blank'; index: number } & ClozeBlank);

const CLOZE = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/gs;

export function parseCloze(text: string): ClozePart[] {
	const parts: ClozePart[] = [];
	let last = 0;
	let index = 0;
	for (const m of text.matchAll(CLOZE)) {
		if (m.index > last) parts.push({ kind: 'text', text: text.slice(last, m.index) });
		const hint = m[3]?.trim();
		const accepted = (m[2] ?? '').split('|').map((a) => a.trim());
		parts.push({
			kind: 'blank',
			index: index++,
			n: Number(m[1]),
			answer: accepted[0]!,
			...(hint ? { hint } : {}),
			...(accepted.length > 1 ? { accepted } : {})
		});
		last = m.index + m[0].length;
	}
	if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
	return parts;
}

export function clozeBlanks(text: string): (ClozeBlank & { index: number })[] {
	return parseCloze(text).filter((p) => p.kind === 'blank');
}

/** The text with every blank shown as its hint or "[…]". */
export function clozeMasked(text: string): string {
	return parseCloze(text)
		.map((p) => (p.kind === 'text' ? p.text : p.hint ? `[${p.hint}]` : '[…]'))
		.join('');
}

/** The text with every blank filled in. */
export function clozeFilled(text: string): string {
	return parseCloze(text)
		.map((p) => (p.kind === 'text' ? p.text : p.answer))
		.join('');
}
