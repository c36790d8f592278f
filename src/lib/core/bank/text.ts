// Text helpers shared by validation, the reader and grading. Pure: no DOM.

const QUOTES: Record<string, string> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201a': "'",
	'\u201b': "'",
	'\u2032': "'",
	'\u201c': '"',
	'\u201d': '"',
	'\u201e': '"',
	'\u201f': '"',
	'\u2033': '"',
	'\u2013': '-',
	'\u2014': '-',
	'\u2212': '-'
};

/** Folds curly quotes and dashes to ASCII and collapses whitespace, for quote matching. */
export function foldForQuote(s: string): string {
	return s
		.replace(
			/[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u2013\u2014\u2212]/g,
			(c) => QUOTES[c] ?? c
		)
		.replace(/\s+/g, ' ')
		.trim();
}

/** Splits a source text into paragraphs (blank-line separated, trimmed, none empty). */
export function paragraphs(text: string): string[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter((p) => p.length > 0);
}

/**
 * Index of the paragraph that holds `quote` verbatim (whitespace and quote style aside),
 * or -1. A quote spanning two paragraphs is not verbatim and is not found.
 */
export function findQuote(paras: readonly string[], quote: string): number {
	const needle = foldForQuote(quote);
	if (!needle) return -1;
	return paras.findIndex((p) => foldForQuote(p).includes(needle));
}
