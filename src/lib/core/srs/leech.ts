// Leeches fixed from the source. A card that keeps failing is suspended, or replaced by an
// easier card: its source passage with the answer blanked out (a cloze), kept in a set of
// "easier cards" made on the device. Pure: the session and storage do the writing.
import type { Question, QuestionOf, QuestionSet } from '../bank/schema';
import { LIMITS } from '../bank/schema';
import { findQuote, paragraphs } from '../bank/text';
export { isSuspended, suspendCard, unsuspendCard } from './suspend';

/** What might be blanked: the answer as the passage could word it, longest first. */
function answerPhrases(q: Question): string[] {
	const list = (() => {
		switch (q.type) {
			case 'mcq':
				return [q.options[q.answer] ?? ''];
			case 'multi':
				return q.answers.map((i) => q.options[i] ?? '');
			case 'short':
				return q.answers;
			case 'numeric':
				return [String(q.answer), q.answer.toLocaleString('en-US')];
			case 'flashcard':
				return [q.back];
			case 'order':
				return q.items;
			case 'match':
				return q.pairs.map((p) => p.right);
			default:
				return []; // true/false has nothing to blank; a cloze already is one
		}
	})();
	return list
		.map((s) => s.trim())
		.filter((s) => s.length >= 2 && !/\{\{|\}\}|::/.test(s))
		.sort((a, b) => b.length - a.length);
}

/** Words of five letters or more, for a passage that does not hold the answer verbatim. */
function words(s: string): string[] {
	return s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]{4,}/gu) ?? [];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The question as a cloze on its source passage: the paragraph (or just the quote, when
 * the paragraph is too long) with the answer blanked. The answer must appear in the quote:
 * verbatim, or failing that as the longest of its words the quote shares. Undefined when
 * the question has no quote or nothing in it to blank.
 */
export function easierCloze(q: Question, set: QuestionSet): QuestionOf<'cloze'> | undefined {
	const quote = q.source?.quote?.trim();
	if (!quote || q.type === 'cloze' || q.type === 'truefalse') return undefined;
	const phrases = answerPhrases(q);
	const shared = words(phrases.join(' ')).filter((w) =>
		new RegExp(`(^|[^\\p{L}])${escape(w)}($|[^\\p{L}])`, 'iu').test(quote)
	);
	const blank = [...phrases, ...shared.sort((a, b) => b.length - a.length)].find((p) =>
		quote.toLowerCase().includes(p.toLowerCase())
	);
	if (!blank) return undefined;
	const at = quote.toLowerCase().indexOf(blank.toLowerCase());
	const clozed = `${quote.slice(0, at)}{{c1::${quote.slice(at, at + blank.length)}}}${quote.slice(at + blank.length)}`;
	const paras = set.sourceText ? paragraphs(set.sourceText) : [];
	const i = findQuote(paras, quote);
	const para = i >= 0 ? paras[i]! : undefined;
	// The paragraph around the blank gives context, when the quote sits in it verbatim.
	const start = para?.indexOf(quote) ?? -1;
	const prompt =
		para && start >= 0 && para.length + 12 <= LIMITS.textLength
			? `${para.slice(0, start)}${clozed}${para.slice(start + quote.length)}`
			: clozed;
	if (prompt.length > LIMITS.textLength) return undefined;
	const original = `Made easier from: ${q.prompt}`;
	return {
		id: q.id,
		type: 'cloze',
		prompt,
		explanation: original.slice(0, LIMITS.textLength),
		source: { quote }
	};
}

/** The device set that holds the easier cards made from `setId`. */
export function easierSetId(setId: string): string {
	return `${setId.slice(0, LIMITS.idLength - 7)}-easier`;
}

/**
 * The easier-cards set with `cloze` added (or replaced, if made before). It carries the
 * passages its cards quote as its own source text, so its cards link to "Read".
 */
export function withEasierCard(
	from: QuestionSet,
	existing: QuestionSet | undefined,
	cloze: QuestionOf<'cloze'>
): QuestionSet {
	const questions = [...(existing?.questions ?? []).filter((q) => q.id !== cloze.id), cloze];
	const paras = from.sourceText ? paragraphs(from.sourceText) : [];
	const kept = existing?.sourceText ? paragraphs(existing.sourceText) : [];
	const i = findQuote(paras, cloze.source!.quote);
	const para = i >= 0 ? paras[i]! : cloze.source!.quote;
	if (!kept.includes(para)) kept.push(para);
	return {
		id: easierSetId(from.id),
		version: (existing?.version ?? 0) + 1,
		title: `${from.title}: easier cards`.slice(0, LIMITS.titleLength),
		description: `Cards from “${from.title}” you kept missing, as blanks in their passage.`.slice(
			0,
			LIMITS.textLength
		),
		language: from.language,
		...(from.source ? { source: from.source } : {}),
		sourceText: kept.join('\n\n'),
		questions
	};
}
