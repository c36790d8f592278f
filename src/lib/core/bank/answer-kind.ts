// What kind of thing a question's answer is (a person, a place, a year…). A set may declare
// it (`answerKind`); otherwise it is read from the wording, where the wording says. The
// quiz generator offers only wrong answers of the same kind, and the validator checks a
// declared kind against what the prompt plainly asks for. Pure.
import type { AnswerKindName, Question } from './schema';

/** Kinds a number question can have: a count or measure, or a year. */
export const NUMBER_KINDS: readonly AnswerKindName[] = ['number', 'date'];

/** How each kind is named to an author. */
export const ANSWER_KIND_LABELS: Record<AnswerKindName, string> = {
	person: 'Person',
	place: 'Place',
	group: 'Group (armed, political or religious)',
	organisation: 'Organisation or institution',
	date: 'Date or year',
	number: 'Number',
	event: 'Event',
	document: 'Document or report',
	concept: 'Idea, term or thing'
};

// Nouns that say what is asked for: "which southern Pakistani province" → place.
const NOUNS: [AnswerKindName, RegExp][] = [
	[
		'person',
		/^(leader|person|minister|official|commander|deputy|head|man|woman|militant|chief|president|founder|author|king|queen|spokesman|spokesperson)s?$/
	],
	[
		'place',
		/^(province|city|country|place|region|capital|district|area|town|village|continent|river|border)s?$/
	],
	['group', /^(group|network|movement|party|faction|militia)s?$/],
	[
		'organisation',
		/^(organi[sz]ation|institute|institution|agency|body|government|ministry|council|company|university)s?$/
	],
	['date', /^(year|month|date|day|decade|century)s?$/],
	['event', /^(event|battle|war|agreement|treaty|attack|bombing|election)s?$/],
	['document', /^(report|document|book|article|letter|study)s?$/]
];

function nounKind(words: readonly string[]): AnswerKindName | undefined {
	for (const w of words) for (const [kind, re] of NOUNS) if (re.test(w)) return kind;
	return undefined;
}

/**
 * The kind a question's wording asks for, or undefined when it does not say: "Who…" is a
 * person, "Where…" a place, "When…"/"In what year…" a date, "How many…" a number, and
 * "Which/What/Name the (up to three words) province…" whatever that noun names.
 */
export function promptKind(prompt: string): AnswerKindName | undefined {
	const p = prompt.trim().toLowerCase();
	if (/^who(m|se)?\b/.test(p)) return 'person';
	if (/^where\b/.test(p)) return 'place';
	if (/^when\b/.test(p)) return 'date';
	if (/^how (many|much)\b/.test(p)) return 'number';
	const m = /\b(?:which|what|name (?:the|a|an|one))\s+((?:[\p{L}-]+\s*){1,3})/u.exec(p);
	if (!m) return undefined;
	return nounKind(m[1]!.trim().split(/\s+/));
}

const isYear = (n: number) => Number.isInteger(n) && n >= 1000 && n <= 2100;
const MONTH =
	/\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b/i;

/** A flashcard back usually starts by saying what the front is: "An eastern Afghan province…". */
function backKind(back: string): AnswerKindName | undefined {
	// "FATA: Federally Administered…" / "Tehrik-i-Taliban Pakistan: an umbrella group…"
	const colon = back.indexOf(':');
	const head = colon > 0 && colon < 60 ? back.slice(colon + 1) : back;
	const words = head
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\s-]/gu, ' ')
		.split(/\s+/)
		.filter(Boolean);
	if (words[0] !== 'a' && words[0] !== 'an' && words[0] !== 'the') return undefined;
	return nounKind(words.slice(1, 6));
}

/** The kind read from the question's wording alone; undefined when it does not say. */
export function inferAnswerKind(q: Question): AnswerKindName | undefined {
	switch (q.type) {
		case 'numeric':
			return isYear(q.answer) && !q.unit ? 'date' : 'number';
		case 'short': {
			const asked = promptKind(q.prompt);
			if (asked) return asked;
			const a = q.answers[0]!.trim();
			if (/^\d{4}$/.test(a) || (MONTH.test(a) && /\b\d{4}\b/.test(a))) return 'date';
			if (/^[+-]?[\d.,\s]+%?$/.test(a) && /\d/.test(a)) return 'number';
			return undefined;
		}
		case 'flashcard':
			return backKind(q.back);
		default:
			return undefined;
	}
}

/** The declared kind, else the inferred one. */
export function answerKindOf(q: Question): AnswerKindName | undefined {
	if (q.type === 'short' || q.type === 'numeric' || q.type === 'flashcard')
		return q.answerKind ?? inferAnswerKind(q);
	return undefined;
}

// Kinds a "who" question may ask for: a person, or a body of people.
const WHO: readonly AnswerKindName[] = ['person', 'group', 'organisation'];
// "Group" and "organisation" overlap in ordinary speech ("which group published…").
const BODIES: readonly AnswerKindName[] = ['group', 'organisation'];

/**
 * Why a declared kind contradicts the question, or undefined: a number question declared
 * a person, a "Where…" question declared a person, a "Which province…" declared a group.
 */
export function kindProblem(q: Question): string | undefined {
	if (q.type !== 'short' && q.type !== 'numeric' && q.type !== 'flashcard') return undefined;
	const declared = q.answerKind;
	if (!declared) return undefined;
	if (q.type === 'numeric')
		return NUMBER_KINDS.includes(declared)
			? undefined
			: `a number question's answer is a number or a date, not "${declared}"`;
	if (q.type !== 'short') return undefined;
	const asked = promptKind(q.prompt);
	if (!asked || asked === declared) return undefined;
	const p = q.prompt.trim().toLowerCase();
	if (/^who(m|se)?\b/.test(p) && WHO.includes(declared)) return undefined;
	if (BODIES.includes(asked) && BODIES.includes(declared)) return undefined;
	return `the prompt asks for a ${ANSWER_KIND_LABELS[asked].toLowerCase()}, but the answer kind is "${declared}"`;
}
