import { describe, expect, it } from 'vitest';
import type { Question } from '../schema';
import { formatProblem } from '../problems';
import { parseMoodleXml, toMoodleXml } from './moodle';
import { everyTypeSet, normalized } from './test-fixtures';

const ok = (text: string) => {
	const r = parseMoodleXml(text, { setId: 'm', title: 'From Moodle' });
	if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
	return r.value;
};
const problems = (text: string) => {
	const r = parseMoodleXml(text);
	return r.ok ? [] : r.problems.map(formatProblem);
};

// A bank as Moodle 4 exports it (trimmed of empty combined-feedback blocks).
const MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category><text>$course$/top/Biology/Cells</text></category>
  </question>
<!-- question: 101  -->
  <question type="multichoice">
    <name><text>Powerhouse</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Which organelle makes <b>ATP</b>? <img src="@@PLUGINFILE@@/cell.png" alt="cell"></p>]]></text>
      <file name="cell.png" path="/" encoding="base64">iVBORw0KGgo=</file>
    </questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>Mitochondria make most ATP.</p>]]></text></generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber>bio-atp</idnumber>
    <single>true</single>
    <shuffleanswers>false</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="100" format="html"><text>Mitochondrion</text><feedback format="html"><text>Yes</text></feedback></answer>
    <answer fraction="0" format="html"><text>Ribosome</text><feedback format="html"><text>It makes proteins</text></feedback></answer>
    <answer fraction="0" format="html"><text>Nucleus</text><feedback format="html"><text></text></feedback></answer>
    <hint format="html"><text>Think energy</text></hint>
    <tags><tag><text>energy</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Primes</text></name>
    <questiontext format="moodle_auto_format"><text>Pick the primes</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>2</text></answer>
    <answer fraction="50"><text>3</text></answer>
    <answer fraction="-100"><text>4</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Cells</text></name>
    <questiontext format="html"><text>All living things are made of cells.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Capital</text></name>
    <questiontext format="html"><text>Capital of France?</text></questiontext>
    <answer fraction="100"><text>Paris</text></answer>
    <answer fraction="100"><text>paris, France</text></answer>
    <answer fraction="50"><text>Lutetia</text></answer>
  </question>
  <question type="numerical">
    <name><text>Distance</text></name>
    <questiontext format="html"><text>How far?</text></questiontext>
    <answer fraction="100"><text>-2.5</text><tolerance>0.25</tolerance></answer>
    <units><unit><multiplier>1</multiplier><unit_name>km</unit_name></unit></units>
  </question>
  <question type="matching">
    <name><text>Sounds</text></name>
    <questiontext format="html"><text>Match the sounds</text></questiontext>
    <subquestion format="html"><text>cat</text><answer><text>meow</text></answer></subquestion>
    <subquestion format="html"><text>dog</text><answer><text>woof</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>moo</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>Steps</text></name>
    <questiontext format="html"><text>Put in order</text></questiontext>
    <answer fraction="2"><text>two</text></answer>
    <answer fraction="1"><text>one</text></answer>
    <answer fraction="3"><text>three</text></answer>
  </question>
  <question type="cloze">
    <name><text>TTP</text></name>
    <questiontext format="html"><text><![CDATA[The {1:SHORTANSWER:=TTP#a group~%50%Taliban} formed in {2:NUMERICAL:=2007:0}, {1:MC:~red~=blue}.]]></text></questiontext>
  </question>
  <question type="description">
    <name><text>Intro</text></name>
    <questiontext format="html"><text>Read this first.</text></questiontext>
  </question>
  <question type="essay">
    <name><text>Essay</text></name>
    <questiontext format="html"><text>Discuss.</text></questiontext>
  </question>
</quiz>`;

describe('Moodle XML import', () => {
	it('reads every type both sides have, with feedback, hints, tags and fractions', () => {
		const { set, warnings } = ok(MOODLE);
		expect(set.title).toBe('From Moodle');
		expect(set.questions).toEqual<Question[]>([
			{
				id: 'bio-atp',
				type: 'mcq',
				prompt: 'Which organelle makes ATP? [image: cell.png]',
				options: ['Mitochondrion', 'Ribosome', 'Nucleus'],
				answer: 0,
				optionFeedback: ['Yes', 'It makes proteins', ''],
				shuffle: false,
				explanation: 'Mitochondria make most ATP.\nHint: Think energy',
				tags: ['energy']
			},
			{
				id: 'Primes',
				type: 'multi',
				prompt: 'Pick the primes',
				options: ['2', '3', '4'],
				answers: [0, 1]
			},
			{
				id: 'Cells',
				type: 'truefalse',
				prompt: 'All living things are made of cells.',
				answer: true
			},
			{
				id: 'Capital',
				type: 'short',
				prompt: 'Capital of France?',
				answers: ['Paris', 'paris, France']
			},
			{
				id: 'Distance',
				type: 'numeric',
				prompt: 'How far?',
				answer: -2.5,
				tolerance: 0.25,
				unit: 'km'
			},
			{
				id: 'Sounds',
				type: 'match',
				prompt: 'Match the sounds',
				pairs: [
					{ left: 'cat', right: 'meow' },
					{ left: 'dog', right: 'woof' }
				]
			},
			{ id: 'Steps', type: 'order', prompt: 'Put in order', items: ['one', 'two', 'three'] },
			{
				id: 'TTP',
				type: 'cloze',
				prompt: 'The {{c1::TTP::a group}} formed in {{c2::2007}}, {{c3::blue}}.'
			}
		]);
		expect(warnings.map(formatProblem)).toEqual([
			'line 42: question 4 ("Capital"): answers with partial credit are not kept',
			'line 55: question 6 ("Sounds"): extra wrong answers (subquestions without text) are not kept',
			'line 69: question 8 ("TTP"): a choice gap became a typed blank; the wrong choices were dropped',
			'line 73: question 9 ("Intro"): a description question has no answer to check; skipped',
			'line 77: question 10 ("Essay"): an essay question has no answer to check; skipped',
			'1 image(s) or media file(s) cannot be shown here; their file names are kept in the text'
		]);
	});

	it('takes the title from the only category and tags questions when there are several', () => {
		const one = parseMoodleXml(MOODLE);
		expect(one.ok && one.value.set.title).toBe('Cells');
		const two = MOODLE.replace(
			'<question type="truefalse">',
			'<question type="category"><category><text>$course$/top/Other</text></category></question>\n<question type="truefalse">'
		);
		const r = parseMoodleXml(two);
		if (!r.ok) throw new Error('failed');
		expect(r.value.set.questions.map((q) => q.tags?.[0])).toEqual([
			'Cells',
			'Cells',
			'Other',
			'Other',
			'Other',
			'Other',
			'Other',
			'Other'
		]);
	});

	it('names the line for broken XML and for invalid questions', () => {
		expect(problems('<quiz>\n<question type="truefalse">\n</quiz>')).toEqual([
			expect.stringMatching(/^line 3: invalid XML: /)
		]);
		expect(problems('<bank/>')).toEqual([
			'line 1: not Moodle XML: the root element must be <quiz>'
		]);
		expect(
			problems(
				'<quiz>\n<question type="multichoice">\n<name><text>Empty</text></name>\n<questiontext><text>Pick</text></questiontext>\n<answer fraction="100"><text>only</text></answer>\n</question>\n</quiz>'
			)
		).toEqual(['line 2, question Empty, questions[0].options: needs at least 2 options']);
	});

	it('refuses a DOCTYPE, so entity bombs never expand', () => {
		const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<quiz>&lol2;</quiz>`;
		expect(problems(bomb)[0]).toMatch(
			/^line 2: invalid XML: a DOCTYPE is not allowed in Moodle XML/
		);
	});
});

describe('Moodle XML export', () => {
	it('round-trips every type Moodle has; flashcards are reported and left out', () => {
		const set = everyTypeSet();
		const { text, warnings } = toMoodleXml(set);
		expect(warnings.map(formatProblem)).toEqual([
			'question Flash.Card_1, questions[12]: a flashcard has no Moodle question type; left out'
		]);
		const back = ok(text).set;
		// Moodle has no difficulty; everything else comes back.
		const expected = set.questions
			.filter((q) => q.type !== 'flashcard')
			.map((q) => {
				const { difficulty: _, ...rest } = normalized(q);
				return rest;
			});
		expect(back.questions.map((q) => normalized(q))).toEqual(expected);
	});

	it('writes what Moodle reads: fractions, idnumber, category and escaped text', () => {
		const { text } = toMoodleXml(everyTypeSet());
		expect(text).toMatch(
			/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<quiz>\n {2}<question type="category">/
		);
		expect(text).toContain('<category><text>$course$/top/Every type</text></category>');
		expect(text).toContain('<idnumber>mcq-1</idnumber>');
		expect(text).toContain('<answer fraction="50" format="html">');
		expect(text).toContain('<answer fraction="-100" format="html">');
		// Text → HTML (escaped) → XML (escaped again): Moodle shows the angle brackets as text.
		expect(text).toContain('[html] &amp;lt;b&amp;gt;not html&amp;lt;/b&amp;gt;');
		expect(text).toContain('{1:SHORTANSWER:=TTP#a group}');
		expect(text).toContain('<tolerance>0.25</tolerance>');
	});
});
