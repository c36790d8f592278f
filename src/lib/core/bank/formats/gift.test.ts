import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGift, toGift, giftExportWarnings } from './gift';
import { everyTypeSet, giftFields } from './test-fixtures';
import { readSetFile } from '../../../../../scripts/lib/files';
import { assembleSet } from '../load';
import type { Question } from '../schema';

function one(text: string): Question {
	const r = parseGift(text);
	if (!r.ok) throw new Error(JSON.stringify(r.problems));
	expect(r.value.set.questions).toHaveLength(1);
	return r.value.set.questions[0]!;
}

function warningsOf(text: string) {
	const r = parseGift(text);
	if (!r.ok) throw new Error(JSON.stringify(r.problems));
	return r.value.warnings;
}

function problemsOf(text: string) {
	const r = parseGift(text);
	if (r.ok) throw new Error('expected problems');
	return r.problems;
}

describe('parseGift: question kinds', () => {
	it('reads multiple choice with per-answer and general feedback', () => {
		expect(one('::Q1::Capital? {=Paris#Right ~London#No ~Rome ####Paris it is.}')).toEqual({
			id: 'Q1',
			type: 'mcq',
			prompt: 'Capital?',
			options: ['Paris', 'London', 'Rome'],
			answer: 0,
			optionFeedback: ['Right', 'No'],
			explanation: 'Paris it is.'
		});
	});

	it('keeps one 100% answer as mcq and warns about partial weights', () => {
		const text = 'Pick {=a ~%50%b ~c}';
		expect(one(text)).toMatchObject({ type: 'mcq', answer: 0, options: ['a', 'b', 'c'] });
		expect(warningsOf(text)[0]).toMatchObject({
			line: 1,
			message: expect.stringMatching(/partial credit.*"b"/)
		});
	});

	it('reads multiple answers with weights as multi', () => {
		expect(one('Pick {~%50%a ~%50%b ~%-100%c}')).toMatchObject({ type: 'multi', answers: [0, 1] });
		expect(one('Pick {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}')).toMatchObject({
			type: 'multi',
			answers: [0, 1, 2]
		});
		const text = 'Pick {=a =b ~c}';
		expect(one(text)).toMatchObject({ type: 'multi', answers: [0, 1] });
		expect(warningsOf(text)[0]!.message).toMatch(/select all that apply/);
	});

	it('reads true/false in every spelling, feedback as explanation', () => {
		for (const [mark, answer] of [
			['T', true],
			['TRUE', true],
			['F', false],
			['FALSE', false],
			['true', true]
		] as const)
			expect(one(`The sky is blue {${mark}}`)).toMatchObject({ type: 'truefalse', answer });
		expect(one('Sky {T#No, it is blue.#Yes.}')).toMatchObject({ explanation: 'No, it is blue.' });
		expect(warningsOf('Sky {T#No, it is blue.#Yes.}')[0]!.message).toMatch(/"Yes\."/);
		expect(one('Sky {F#a#b####General.}')).toMatchObject({
			answer: false,
			explanation: 'General.'
		});
	});

	it('reads short answers with variants', () => {
		expect(one('Who? {=Ada =ada lovelace#good}')).toEqual({
			id: 'q-1',
			type: 'short',
			prompt: 'Who?',
			answers: ['Ada', 'ada lovelace'],
			explanation: 'good'
		});
		const partial = 'Who? {=Ada =%50%Lovelace}';
		expect(one(partial)).toMatchObject({ answers: ['Ada'] });
		expect(warningsOf(partial)[0]!.message).toMatch(/partial.*"Lovelace"/);
	});

	it('reads numeric answers: tolerance, ranges, several answers', () => {
		expect(one('Pi? {#3.14:0.01}')).toMatchObject({
			type: 'numeric',
			answer: 3.14,
			tolerance: 0.01
		});
		expect(one('Between {#1..3}')).toMatchObject({ answer: 2, tolerance: 1 });
		expect(one('Small {#0.1..0.3}')).toMatchObject({ answer: 0.2, tolerance: 0.1 });
		expect(one('Exact {#-7}')).toMatchObject({ answer: -7, tolerance: 0 });
		const several = 'Year? {#=%50%2006 =2007:0#Right =2008}';
		expect(one(several)).toMatchObject({ answer: 2007, tolerance: 0, explanation: 'Right' });
		expect(warningsOf(several)[0]!.message).toMatch(/first fully correct one \(2007:0\)/);
		expect(problemsOf('Year? {#abc}')[0]!.message).toMatch(/not a number/);
		expect(problemsOf('Year? {#3..1}')[0]!.message).toMatch(/backwards/);
	});

	it('reads matching, warning about extra right-hand answers', () => {
		expect(one('Match {=cat -> meow =dog -> woof}')).toMatchObject({
			type: 'match',
			pairs: [
				{ left: 'cat', right: 'meow' },
				{ left: 'dog', right: 'woof' }
			]
		});
		const extra = 'Match {=cat -> meow =dog -> woof = -> moo}';
		expect(one(extra)).toMatchObject({ type: 'match' });
		expect(warningsOf(extra)[0]!.message).toMatch(/"moo"/);
		expect(problemsOf('Match {=cat -> meow =dog}')[0]!.message).toMatch(/needs "->"/);
	});

	it('turns a missing-word short answer into a cloze, missing-word choices into a blank', () => {
		expect(one('The {=TTP} formed in 2007.')).toEqual({
			id: 'q-1',
			type: 'cloze',
			prompt: 'The {{c1::TTP}} formed in 2007.'
		});
		// Several right answers: a cloze that lists them all.
		expect(one('Moodle costs {=nothing =zero} to download.')).toEqual({
			id: 'q-1',
			type: 'cloze',
			prompt: 'Moodle costs {{c1::nothing|zero}} to download.'
		});
		expect(one('Moodle costs {~lots =nothing} to download.')).toMatchObject({
			type: 'mcq',
			prompt: 'Moodle costs _____ to download.',
			answer: 1
		});
	});
});

describe('parseGift: syntax', () => {
	it('slugifies titles into unique ids and numbers the rest', () => {
		const r = parseGift(
			'::Capital of France::A {T}\n\n::Capital of France::B {F}\n\nC {T}\n\n::q-3::D {T}'
		);
		if (!r.ok) throw new Error();
		expect(r.value.set.questions.map((q) => q.id)).toEqual([
			'capital-of-france',
			'capital-of-france-2',
			'q-3-2',
			'q-3'
		]);
	});

	it('never makes prototype keys from titles or tags', () => {
		const r = parseGift(
			'// [tag:__proto__] [tag:constructor] [tag:ok]\n::__proto__::A {T}\n\n::constructor::B {T}\n\n::prototype::C {T}'
		);
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		const ids = r.value.set.questions.map((q) => q.id);
		expect(ids).toEqual(['proto', 'q-constructor', 'q-prototype']);
		expect(r.value.set.questions[0]!.tags).toEqual(['ok']);
		expect(r.value.warnings.map((w) => w.message).join(' ')).toMatch(/"__proto__" is not allowed/);
	});

	it('takes tags from $CATEGORY and [tag:] comments', () => {
		const r = parseGift(
			'$CATEGORY: $course$/top/Geo//Maps/Europe\n\n// [tag:capitals]\nA {T}\n\n$CATEGORY: History\n\nB {T}'
		);
		if (!r.ok) throw new Error();
		expect(r.value.set.questions.map((q) => q.tags)).toEqual([
			['Geo/Maps', 'Europe', 'capitals'],
			['History']
		]);
	});

	it('strips format markers; HTML becomes inert text', () => {
		expect(one('[markdown]Is **this** bold? {T}').prompt).toBe('Is **this** bold?');
		expect(one('[plain]Plain {T}').prompt).toBe('Plain');
		expect(one('[moodle]Moodle {T}').prompt).toBe('Moodle');
		const html = one(
			'[html]<p>Is <b>this</b> &lt;safe&gt;?<script>alert(1)</script></p><img src=x onerror=alert(1)> {=[html]<i>yes</i> ~no}'
		);
		expect(html).toMatchObject({ prompt: 'Is this <safe>?', options: ['yes', 'no'] });
		// Without [html], markup is just text the UI will escape.
		expect(one('<script>alert(1)</script> {T}').prompt).toBe('<script>alert(1)</script>');
	});

	it('reads escapes and \\n', () => {
		expect(one('a \\~ \\= \\# \\{ \\} \\: b\\nc \\\\ {=x\\=y}')).toMatchObject({
			prompt: 'a ~ = # { } : b\nc \\',
			answers: ['x=y']
		});
	});

	it('skips // comments, takes blank-line separated questions, CRLF and multi-line answers', () => {
		const r = parseGift(
			'// a comment\r\n::a::One {\r\n  =x\r\n  ~y\r\n}\r\n\r\n\r\n// another\r\n::b::Two {T}\r\n'
		);
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		expect(r.value.set.questions.map((q) => q.id)).toEqual(['a', 'b']);
		expect(r.value.set.questions[0]).toMatchObject({ options: ['x', 'y'] });
	});

	it('warns, with the line and title, about essays and descriptions', () => {
		const r = parseGift(
			'::ok::A {T}\n\n::Essay one::Write about it {}\n\nJust a description.\n\n::gf::Essay {####fb}'
		);
		if (!r.ok) throw new Error();
		expect(r.value.set.questions).toHaveLength(1);
		expect(r.value.warnings).toEqual([
			{ path: '', line: 3, message: expect.stringMatching(/^question "Essay one": an essay/) },
			{
				path: '',
				line: 5,
				message: expect.stringMatching(/^question "Just a description\.": a description/)
			},
			{ path: '', line: 7, message: expect.stringMatching(/essay/) }
		]);
	});

	it('reports syntax errors with the question line, all of them, and accepts nothing', () => {
		const problems = problemsOf(
			[
				'::fine::A {T}',
				'',
				'// comment first',
				'::open::Unclosed {=a ~b',
				'',
				'::bare::Bare {answer}',
				'',
				'::empty::Empty answer {=}',
				'',
				'::one::One option {~a}',
				'',
				'::none::No right answer {~a ~b}',
				'',
				'::close:: Stray } here',
				'',
				'::two::Two {=a} sets {=b}',
				'',
				'::title never closed {T}'
			].join('\n')
		);
		expect(problems.map((p) => [p.line, p.message])).toEqual([
			[4, '"{" is not closed'],
			[6, '"answer" has no = (right) or ~ (wrong) before it'],
			[8, 'an answer is empty'],
			[10, 'a multiple-choice question needs at least 2 answers'],
			[12, expect.stringMatching(/no answer is marked right/)],
			[14, '"}" without an opening "{"'],
			[16, expect.stringMatching(/one \{…\}/)],
			[18, expect.stringMatching(/title is not closed/)]
		]);
	});

	it('points schema problems at the question line', () => {
		const problems = problemsOf('::a::A {T}\n\n\n::b::Dup {=x ~x}\n\n::a::again {T}');
		expect(problems).toContainEqual(
			expect.objectContaining({ line: 4, path: 'questions[1].options[1]', questionId: 'b' })
		);
		expect(problemsOf('::a:: {T}')[0]).toMatchObject({ line: 1, message: 'empty prompt' });
	});

	it('reads our own comment tokens: type, unit, hint, difficulty, id', () => {
		expect(one('// [type:flashcard] [difficulty:3]\nFront {=Back}')).toMatchObject({
			type: 'flashcard',
			back: 'Back',
			difficulty: 3
		});
		expect(one('// [unit:km]\nFar {#5}')).toMatchObject({ unit: 'km' });
		expect(one('// [type:cloze] [hint:city]\nCapital is {=Paris}')).toMatchObject({
			type: 'cloze',
			prompt: 'Capital is {{c1::Paris::city}}'
		});
		expect(one('// [type:order]\nOrder {=b -> 2 =a -> 1}')).toMatchObject({
			type: 'order',
			items: ['a', 'b']
		});
		expect(one('// [id:moodle-7]\nWith idnumber {T}').id).toBe('moodle-7');
	});
});

describe('toGift', () => {
	it('writes each type the way Moodle reads it', () => {
		const gift = toGift(everyTypeSet());
		expect(gift).toContain(
			'::mcq-1::Which is a prime\\: \\{x\\} \\= 1 + 1? Use a \\~tilde, \\#hash'
		);
		expect(gift).toContain(
			'\t=2#yes\n\t~4\n\t~%0%%50% of 8#no, that is 4\n\t~[plain][html] <b>not html</b>'
		);
		expect(gift).toContain('####Two is the only even prime.\\nSecond line.');
		expect(gift).toContain('// [tag:maths] [tag:two words] [difficulty:2]');
		expect(gift).toContain('\t~%50%2\n\t~%-100%3#odd\n\t~%50%4');
		expect(gift).toContain('::tf-1::The sun is a star {TRUE ####It is.}');
		expect(gift).toContain('::tf-2::Two \\= three {FALSE}');
		expect(gift).toContain('::short-1::Capital of France? {=Paris =paris, France}');
		expect(gift).toContain('::numeric-1::How far (km)? {#-2.5:0.25 ####About that.}');
		expect(gift).toContain('::numeric-2::Year? {#2007}');
		expect(gift).toContain(
			'[type:cloze] [hint:a group]\n::cloze-1::The {=TTP ####Tehrik-i-Taliban Pakistan.} formed in 2007.'
		);
		expect(gift).toContain('::order-1::Put in order {\n\t=one -> 1\n\t=two -> 2\n\t=three -> 3\n}');
		expect(gift).toContain('\t=dog -> woof\\: loud');
		expect(gift).toContain(
			'// [tag:cards] [type:flashcard]\n::Flash.Card_1::Front <script>alert(1)</script> {=Back \\= side}'
		);
	});

	it('splits a cloze with several blanks into one question per number, and says so', () => {
		const set = { ...everyTypeSet() };
		set.questions = [{ id: 'c', type: 'cloze', prompt: 'The {{c1::TTP}} formed in {{c2::2007}}.' }];
		const r = parseGift(toGift(set));
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		expect(r.value.set.questions.map((q) => [q.id, q.prompt])).toEqual([
			['c', 'The {{c1::TTP}} formed in 2007.'],
			['c-c2', 'The TTP formed in {{c1::2007}}.']
		]);
		expect(giftExportWarnings(set)[0]!.message).toMatch(/one missing-word question per blank/);
	});
});

describe('GIFT round trip', () => {
	it('JSON → GIFT → JSON keeps every field GIFT carries, for every type', () => {
		const set = everyTypeSet();
		const r = parseGift(toGift(set), { setId: set.id, title: set.title });
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		expect(r.value.warnings).toEqual([]);
		expect(r.value.set.questions).toEqual(set.questions.map(giftFields));
	});

	const ttp = 'questions/ttp-peace-talks';
	it.skipIf(!existsSync(`${ttp}/set.json`))('round-trips the bundled ttp-peace-talks set', () => {
		const { json, sourceText } = readSetFile(ttp);
		const loaded = assembleSet(json, sourceText);
		if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
		const set = loaded.value;
		const back = parseGift(toGift(set));
		if (!back.ok) throw new Error(JSON.stringify(back.problems));
		const multiBlank = new Set(
			set.questions
				.filter((q) => q.type === 'cloze' && (q.prompt.match(/\{\{c\d+::/g) ?? []).length > 1)
				.map((q) => q.id)
		);
		const got = new Map(back.value.set.questions.map((q) => [q.id, q]));
		for (const q of set.questions) {
			if (multiBlank.has(q.id)) continue;
			expect(got.get(q.id)).toEqual(giftFields(q));
		}
		expect(back.value.warnings).toEqual([]);
	});
});
