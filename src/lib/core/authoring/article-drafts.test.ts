import { describe, expect, it } from 'vitest';
import nlp from 'compromise';
import { parseSet } from '$lib/core/bank/validate';
import { makeDrafts, type Nlp } from './article-drafts';

const ARTICLE = `In March 2022, Pakistan's government opened talks with the TTP in Kabul. Imran Khan said 300 fighters had been released from prisons in the north.

The Afghan Taliban hosted the meetings, and Sirajuddin Haqqani acted as the mediator. By June 2022 the ceasefire covered 12 districts along the border.

About 4,500 people died in attacks during 2021, according to the report. Later that year Shehbaz Sharif visited Islamabad to discuss the talks.`;

const drafts = makeDrafts(nlp as unknown as Nlp, ARTICLE);
const digits = (s: string) => s.replace(/[,\s]/g, '');

describe('makeDrafts', () => {
	it('makes drafts of every kind, each quoting its sentence verbatim', () => {
		expect(drafts.length).toBeGreaterThanOrEqual(4);
		expect(new Set(drafts.map((d) => d.kind))).toEqual(new Set(['cloze', 'numeric', 'truefalse']));
		for (const d of drafts) {
			const quote = d.question.source?.quote ?? '';
			expect(quote.length).toBeGreaterThan(10);
			expect(ARTICLE).toContain(quote);
		}
		expect(new Set(drafts.map((d) => d.key)).size).toBe(drafts.length);
	});

	it('a numeric draft asks "how many" and its answer is in its quote', () => {
		const numeric = drafts.filter((d) => d.kind === 'numeric');
		expect(numeric.length).toBeGreaterThan(0);
		for (const d of numeric) {
			const q = d.question;
			if (q.type !== 'numeric') throw new Error('not numeric');
			expect(q.prompt).toMatch(/how many/i);
			expect(q.prompt).toMatch(/\?$/);
			expect(digits(q.source!.quote)).toContain(String(q.answer));
		}
	});

	it('a false true/false statement differs from its sentence; a true one is the sentence', () => {
		const tf = drafts.filter((d) => d.kind === 'truefalse');
		expect(tf.length).toBeGreaterThan(0);
		for (const d of tf) {
			const q = d.question;
			if (q.type !== 'truefalse') throw new Error('not true/false');
			if (q.answer) expect(q.prompt).toBe(q.source!.quote);
			else {
				expect(q.prompt).not.toBe(q.source!.quote);
				expect(q.explanation).toMatch(/^The source says /);
			}
		}
		expect(tf.some((d) => d.question.type === 'truefalse' && !d.question.answer)).toBe(true);
	});

	it('cloze drafts blank a name, number or date from the sentence', () => {
		for (const d of drafts.filter((x) => x.kind === 'cloze')) {
			const m = /\{\{c1::(.+?)\}\}/.exec(d.question.prompt);
			expect(m).not.toBeNull();
			expect(d.question.prompt.replace(m![0], m![1]!)).toBe(d.question.source!.quote);
		}
	});

	it('every draft is a valid question against the article as source text', () => {
		const r = parseSet({
			id: 'a',
			title: 'A',
			sourceText: ARTICLE,
			questions: drafts.map((d) => d.question)
		});
		expect(r.ok ? [] : r.problems).toEqual([]);
	});

	it('is deterministic and respects the maximum', () => {
		expect(makeDrafts(nlp as unknown as Nlp, ARTICLE)).toEqual(drafts);
		expect(makeDrafts(nlp as unknown as Nlp, ARTICLE, { max: 2 })).toHaveLength(2);
		expect(makeDrafts(nlp as unknown as Nlp, 'Short.')).toEqual([]);
	});
});
