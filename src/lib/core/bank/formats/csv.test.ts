import { describe, expect, it } from 'vitest';
import { parseDelimited, toDelimited } from './csv';
import { everyTypeSet } from './test-fixtures';
import type { QuestionSet } from '../schema';

function cards(text: string, separator?: string) {
	const r = parseDelimited(text, separator ? { separator } : {});
	if (!r.ok) throw new Error(JSON.stringify(r.problems));
	return r.value;
}

describe('parseDelimited', () => {
	it('detects tab, semicolon and comma separators', () => {
		for (const sep of ['\t', ';', ','])
			expect(cards(`one${sep}uno\ntwo${sep}dos\n`).set.questions).toEqual([
				{ id: 'q-1', type: 'flashcard', prompt: 'one', back: 'uno' },
				{ id: 'q-2', type: 'flashcard', prompt: 'two', back: 'dos' }
			]);
		// Commas inside a tab file stay text.
		expect(cards('a, b\tc, d\ne\tf').set.questions[0]).toMatchObject({
			prompt: 'a, b',
			back: 'c, d'
		});
	});

	it('skips a header row and reads the separator from it', () => {
		for (const header of ['front;back', 'Term;Definition', 'QUESTION;ANSWER'])
			expect(cards(`${header}\nx, y;z`).set.questions).toEqual([
				{ id: 'q-1', type: 'flashcard', prompt: 'x, y', back: 'z' }
			]);
	});

	it('reads RFC 4180 quoting: separators, doubled quotes, new lines', () => {
		const { set } = cards('"a, ""quoted"" one","line 1\nline 2"\r\nplain,"x"\n');
		expect(set.questions.map((q) => [q.prompt, q.type === 'flashcard' && q.back])).toEqual([
			['a, "quoted" one', 'line 1\nline 2'],
			['plain', 'x']
		]);
	});

	it('reads Anki headers: separator, html, tags column, deck', () => {
		const { set, warnings } = cards(
			'#separator:Semicolon\n#html:true\n#deck:Spanish\n#tags column:3\n#guid column:4\n<b>uno</b>;one<br>1;numbers basics;abc\ndos;two;numbers;def'
		);
		expect(set.title).toBe('Spanish');
		expect(set.questions[0]).toEqual({
			id: 'q-1',
			type: 'flashcard',
			prompt: 'uno',
			back: 'one\n1',
			tags: ['numbers', 'basics']
		});
		expect(warnings).toEqual([]);
	});

	it('keeps HTML as inert text unless the file says #html:true', () => {
		expect(cards('<script>x</script>\t<b>y</b>').set.questions[0]).toMatchObject({
			prompt: '<script>x</script>',
			back: '<b>y</b>'
		});
	});

	it('reports rows without a back and unclosed quotes with their lines', () => {
		const r = parseDelimited('a\tb\n\nlonely\n"x\ty');
		expect(r.ok ? [] : r.problems).toEqual([
			{ path: '', line: 4, message: 'a quoted field is not closed (a " is missing)' }
		]);
		const r2 = parseDelimited('a\tb\nlonely\nc\t\n', { separator: '\t' });
		expect(r2.ok ? [] : r2.problems.map((p) => [p.line, p.message])).toEqual([
			[2, 'needs a front and a back separated by a tab'],
			[3, 'needs a front and a back separated by a tab']
		]);
	});

	it('refuses prototype-named tags with a warning', () => {
		const { set, warnings } = cards('a\tb\t__proto__ ok');
		expect(set.questions[0]!.tags).toEqual(['ok']);
		expect(warnings[0]!.message).toMatch(/__proto__/);
	});
});

describe('toDelimited', () => {
	it('writes every type as front/back with an Anki header, quoting properly', () => {
		const text = toDelimited(everyTypeSet(), ',');
		const lines = text.split('\n');
		expect(lines.slice(0, 3)).toEqual(['#separator:Comma', '#html:false', '#tags column:3']);
		expect(text).toContain(
			'"Put in order\nA. one\nB. three\nC. two","1. A. one\n2. C. two\n3. B. three",'
		);
		expect(text).toContain('Front <script>alert(1)</script>,Back = side,cards');
		expect(text).toContain('"The sun is a star\n(true or false)",True,');
	});

	it('round-trips flashcards through CSV and TSV', () => {
		const set: QuestionSet = {
			...everyTypeSet(),
			questions: [
				{ id: 'q-1', type: 'flashcard', prompt: 'a, "b"', back: 'line\nbreak', tags: ['x', 'y'] },
				{ id: 'q-2', type: 'flashcard', prompt: '#not a header', back: ' c\td ' }
			]
		};
		for (const sep of [',', '\t', ';']) {
			const back = parseDelimited(toDelimited(set, sep));
			if (!back.ok) throw new Error(JSON.stringify(back.problems));
			expect(back.value.set.questions).toEqual([
				set.questions[0],
				{ ...set.questions[1], back: 'c\td' }
			]);
		}
	});
});
