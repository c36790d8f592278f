// Reading a typed number the way a teacher would: "23 million" for an answer kept in
// millions, "about 780", "the 8th", "August 8" when a day is asked, "May 2004" when a
// year is. Stricter parsing (digits, separators, the unit) is parseNumber's; this adds
// the words people put around a number. Pure.
import { parseNumber } from './normalize';

const SCALES: Record<string, number> = {
	thousand: 1e3,
	million: 1e6,
	mn: 1e6,
	billion: 1e9,
	bn: 1e9,
	trillion: 1e12
};
const SMALL = [
	'zero',
	'one',
	'two',
	'three',
	'four',
	'five',
	'six',
	'seven',
	'eight',
	'nine',
	'ten',
	'eleven',
	'twelve',
	'thirteen',
	'fourteen',
	'fifteen',
	'sixteen',
	'seventeen',
	'eighteen',
	'nineteen',
	'twenty'
];
const WORDS: Record<string, number> = {
	...Object.fromEntries(SMALL.map((w, i) => [w, i])),
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90,
	hundred: 100,
	dozen: 12
};
const HEDGE =
	/^(?:about|around|approximately|approx\.?|almost|nearly|roughly|some|circa|ca\.|c\.|~|≈|just|exactly|only)\s*/;
const MONTHS =
	/\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?/g;

/** The scale a unit starts with: "million people" → 1,000,000; "people" → 1. */
function unitScale(unit: string | undefined): { scale: number; rest: string } {
	const words = (unit ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
	const scale = words.length ? SCALES[words[0]!] : undefined;
	return scale ? { scale, rest: words.slice(1).join(' ') } : { scale: 1, rest: words.join(' ') };
}

function stripEnd(s: string, tail: string): string {
	if (!tail) return s;
	if (s === tail) return '';
	return s.endsWith(' ' + tail) || s.endsWith(tail) ? s.slice(0, s.length - tail.length).trim() : s;
}

/** The number and any scale word typed after it ("23 million" → 23 and 1e6). */
function readPlain(text: string): { n: number; scale?: number } | undefined {
	const m = /^(.*?)\s*\b(thousand|million|mn|billion|bn|trillion)$/.exec(text);
	const body = (m ? m[1]! : text).trim();
	const n = parseNumber(body) ?? WORDS[body];
	if (n === undefined) return undefined;
	return m ? { n, scale: SCALES[m[2]!] } : { n };
}

/**
 * A typed answer to a number question, in the question's own unit (so "23 million" and
 * "23,000,000" are 23 when the unit is "million people"), or undefined when no number
 * can be read. Months are dropped only when one number remains ("August 8" → 8).
 */
export function readTypedNumber(input: string, unit?: string): number | undefined {
	const { scale: unitIn, rest } = unitScale(unit);
	let raw: { n: number; scale?: number } | undefined;
	const strict = parseNumber(input, unit);
	if (strict !== undefined) raw = { n: strict };
	else {
		let s = input
			.normalize('NFKC')
			.trim()
			.toLowerCase()
			.replace(/\u2212/g, '-');
		const u = (unit ?? '').trim().toLowerCase();
		s = stripEnd(s, u);
		s = stripEnd(s, rest);
		// A plural/singular slip in the unit ("1 prisoners", "780 prisoner").
		if (rest) s = stripEnd(s, rest.endsWith('s') ? rest.slice(0, -1) : rest + 's');
		s = s.replace(/[.!]+$/, '').trim();
		for (let i = 0; i < 2; i++) s = s.replace(HEDGE, '').replace(/^(?:the|a|an)\s+/, '');
		if (/\d/.test(s)) {
			const noMonth = s
				.replace(MONTHS, ' ')
				.replace(/\bof\b/g, ' ')
				.replace(/,/g, ' ');
			if (noMonth !== s && noMonth.match(/\d+/g)?.length === 1) s = noMonth;
			s = s
				.replace(/(\d)(?:st|nd|rd|th)\b/g, '$1')
				.replace(/\s+/g, ' ')
				.trim();
		}
		raw = readPlain(s);
	}
	if (!raw) return undefined;
	const absolute = raw.n * (raw.scale ?? 1);
	if (unitIn === 1) return absolute;
	// The answer is kept in millions (say): a bare "23" means 23 million, "23,000,000" too.
	if (raw.scale === undefined && Math.abs(raw.n) < unitIn) return raw.n;
	return absolute / unitIn;
}
