import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assembleSet } from '$lib/core/bank/load';
import { parseSet } from '$lib/core/bank/validate';
import { everyTypeSet } from '$lib/core/bank/formats/test-fixtures';
import { fromSet, parseNumber, readDraft, setInput } from './editable';

describe('editable sets', () => {
	it('round-trips every type and the bundled set unchanged through the editor shape', () => {
		const bundled = assembleSet(
			readFileSync('questions/ttp-peace-talks/set.json', 'utf8'),
			readFileSync('questions/ttp-peace-talks/source.txt', 'utf8')
		);
		if (!bundled.ok) throw new Error('bundled set invalid');
		for (const set of [everyTypeSet(), bundled.value]) {
			const back = parseSet(setInput(fromSet(set)));
			expect(back.ok ? back.value : back.problems).toEqual(set);
			// A stored draft (JSON) reads back to the same editor state, keys aside.
			const e = fromSet(set);
			const strip = (x: unknown) => JSON.parse(JSON.stringify(x).replace(/"key":"k\d+",/g, ''));
			expect(strip(readDraft(JSON.parse(JSON.stringify(e))))).toEqual(strip(e));
		}
	});

	it('reads numbers as teachers type them', () => {
		expect(parseNumber('4,500')).toBe(4500);
		expect(parseNumber('1,5')).toBe(1.5);
		expect(parseNumber(' 12 000 ')).toBe(12000);
		expect(parseNumber('-0.25')).toBe(-0.25);
		expect(parseNumber('12 km')).toBe('12 km'); // left for the schema to reject
	});

	it('a damaged draft becomes blanks, not a crash', () => {
		expect(readDraft(null)).toBeUndefined();
		expect(readDraft({ id: 'x', questions: [{ type: 'nope', options: 'bad' }, 7] })).toMatchObject({
			id: 'x',
			title: '',
			questions: [{ type: 'flashcard', options: ['', ''] }]
		});
	});
});

describe('formatted questions in the editor', () => {
	const set = {
		id: 'pics',
		version: 1,
		title: 'Pics',
		language: 'en',
		questions: [
			{
				id: 'q',
				type: 'flashcard' as const,
				prompt: 'Bold [image: a.png]',
				back: 'it',
				rich: { prompt: '<b>Bold</b> <img src="a.png" alt="">', back: '<i>it</i>' }
			}
		]
	};

	it('keeps the formatting through edit → save while the text is unchanged', () => {
		const r = parseSet(setInput(fromSet(set)));
		expect(r.ok && r.value.questions[0]).toEqual(set.questions[0]);
	});

	it('drops only the formatting of a text that was edited, and survives a draft', () => {
		const editable = fromSet(set);
		editable.questions[0]!.back = 'it, edited';
		const restored = readDraft(JSON.parse(JSON.stringify(editable)))!;
		const r = parseSet(setInput(restored));
		expect(r.ok && r.value.questions[0]).toEqual({
			...set.questions[0],
			back: 'it, edited',
			rich: { prompt: '<b>Bold</b> <img src="a.png" alt="">' }
		});
	});
});
