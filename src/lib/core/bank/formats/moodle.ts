// Moodle XML in and out (https://docs.moodle.org/en/Moodle_XML_format). Question text is
// HTML; it becomes plain text (the app renders text only), with images named and counted.
// Types both sides have map one to one; Moodle's embedded answers ("Cloze", multianswer)
// map to our cloze blanks; description and essay questions are reported and skipped.
// Every warning and error names the line the question starts on.
import { parseCloze } from '../cloze';
import type { Problem, Result } from '../problems';
import type { Question, QuestionSet } from '../schema';
import { fieldText, textToField, type MediaRefs } from './anki/html';
import {
	IdAllocator,
	cleanTags,
	label,
	validateWithLines,
	type ImportOptions,
	type Imported
} from './shared';
import { child, children, escapeXml, parseXml, textOf, type XmlElement } from './xml-tree';

type Draft = Record<string, unknown> & { type: Question['type'] };

const truthy = (s: string | undefined, fallback: boolean) =>
	s === undefined || s.trim() === '' ? fallback : /^(1|true)$/i.test(s.trim());

/** `$course$/top/Biology/Cells` → "Cells"; the top and context parts carry nothing. */
function categoryLeaf(path: string): string {
	const parts = path
		.split('/')
		.map((p) => p.trim())
		.filter((p) => p && !/^\$\w+\$$/.test(p) && p.toLowerCase() !== 'top');
	return parts.pop() ?? '';
}

const EMBEDDED =
	/\{(\d*):(SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC|NUMERICAL|NM|MULTICHOICE|MC|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH|MULTICHOICE_S|MCS|MULTICHOICE_VS|MCVS|MULTICHOICE_HS|MCHS|MULTIRESPONSE|MR|MULTIRESPONSE_H|MRH|MULTIRESPONSE_S|MRS|MULTIRESPONSE_HS|MRHS):((?:\\.|[^\\}])*)\}/g;

const unescapeCloze = (s: string) => s.replace(/\\(.)/g, '$1');
const escapeCloze = (s: string) => s.replace(/[\\}~#/"]/g, (c) => `\\${c}`);

/** Splits an embedded answer list on unescaped "~". */
function splitAnswers(body: string): string[] {
	const out: string[] = [];
	let cur = '';
	for (let i = 0; i < body.length; i++) {
		const c = body[i]!;
		if (c === '\\' && i + 1 < body.length) {
			cur += c + body[++i];
		} else if (c === '~') {
			out.push(cur);
			cur = '';
		} else cur += c;
	}
	out.push(cur);
	return out;
}

/** Moodle embedded answers → `{{cN::answer::hint}}`; the correct answer's feedback is the hint. */
function embeddedToCloze(text: string, warn: (m: string) => void): string {
	let n = 0;
	return text.replace(EMBEDDED, (_, __, kind: string, body: string) => {
		const answers = splitAnswers(body).map((a) => {
			const m = /^(=|%(-?[\d.]+)%)?((?:\\.|[^\\#])*)(?:#(.*))?$/s.exec(a.trim());
			const fraction = m?.[1] === '=' ? 100 : m?.[2] ? Number(m[2]) : 0;
			return {
				fraction,
				text: unescapeCloze(m?.[3] ?? '').trim(),
				feedback: unescapeCloze(m?.[4] ?? '').trim()
			};
		});
		const best = answers.filter((a) => a.text).sort((a, b) => b.fraction - a.fraction)[0];
		if (/^(MULTI|M[CR])/.test(kind))
			warn('a choice gap became a typed blank; the wrong choices were dropped');
		if (!best) return '';
		// NUMERICAL answers may carry a tolerance: "=2007:0".
		if (/^(NUMERICAL|NM)$/.test(kind)) best.text = best.text.replace(/:[^:]*$/, '');
		n++;
		const safe = (s: string) => s.replace(/::|\}\}/g, ' ');
		return `{{c${n}::${safe(best.text)}${best.feedback ? `::${safe(best.feedback)}` : ''}}}`;
	});
}

function convert(
	q: XmlElement,
	type: string,
	html: (el: XmlElement | undefined) => string,
	warn: (m: string) => void
): Draft | undefined {
	const prompt = html(child(q, 'questiontext'));
	const answers = children(q, 'answer').map((a) => ({
		fraction: Number(a.attrs.fraction ?? 0),
		text: html(a),
		feedback: html(child(a, 'feedback')),
		el: a
	}));
	switch (type) {
		case 'multichoice': {
			const options = answers.map((a) => a.text);
			const feedback = answers.map((a) => a.feedback);
			const fb = feedback.some(Boolean) ? { optionFeedback: feedback } : {};
			const shuffle = truthy(textOf(child(q, 'shuffleanswers')), true) ? {} : { shuffle: false };
			if (truthy(textOf(child(q, 'single')), true)) {
				const best = Math.max(...answers.map((a) => a.fraction));
				if (answers.some((a) => a.fraction > 0 && a.fraction < best))
					warn('partial credit for other options is not kept');
				return {
					type: 'mcq',
					prompt,
					options,
					answer: answers.findIndex((a) => a.fraction === best),
					...fb,
					...shuffle
				};
			}
			return {
				type: 'multi',
				prompt,
				options,
				answers: answers.flatMap((a, i) => (a.fraction > 0 ? [i] : [])),
				...fb,
				...shuffle
			};
		}
		case 'truefalse': {
			const right = answers.find((a) => a.fraction >= 100) ?? answers[0];
			return { type: 'truefalse', prompt, answer: /^true$/i.test(right?.text.trim() ?? '') };
		}
		case 'shortanswer': {
			const full = answers.filter((a) => a.fraction >= 100 && a.text);
			if (answers.some((a) => a.fraction > 0 && a.fraction < 100))
				warn('answers with partial credit are not kept');
			return { type: 'short', prompt, answers: full.map((a) => a.text) };
		}
		case 'numerical': {
			const right = answers.find((a) => a.fraction >= 100) ?? answers[0];
			const unit = children(child(q, 'units'), 'unit').find(
				(u) => Number(textOf(child(u, 'multiplier')) || 1) === 1
			);
			const unitName = unit ? textOf(child(unit, 'unit_name')).trim() : '';
			const tolerance = Number(textOf(child(right?.el, 'tolerance')) || 0);
			return {
				type: 'numeric',
				prompt,
				answer: Number(right?.text.trim() || NaN),
				...(tolerance ? { tolerance: Math.abs(tolerance) } : {}),
				...(unitName ? { unit: unitName } : {})
			};
		}
		case 'matching': {
			const subs = children(q, 'subquestion').map((s) => ({
				left: html(s),
				right: html(child(s, 'answer'))
			}));
			if (subs.some((s) => !s.left))
				warn('extra wrong answers (subquestions without text) are not kept');
			return { type: 'match', prompt, pairs: subs.filter((s) => s.left) };
		}
		case 'ordering': {
			const ordered = answers.every(
				(a, i) => answers.findIndex((b) => b.fraction === a.fraction) === i
			)
				? [...answers].sort((a, b) => a.fraction - b.fraction)
				: answers;
			return { type: 'order', prompt, items: ordered.map((a) => a.text) };
		}
		case 'cloze':
		case 'multianswer':
			return { type: 'cloze', prompt: embeddedToCloze(prompt, warn) };
		default:
			return undefined;
	}
}

/** Moodle XML → a whole valid set, or the problems (with the line of each question). */
export function parseMoodleXml(text: string, opts: ImportOptions = {}): Result<Imported> {
	const doc = parseXml(text);
	if (!doc.ok) return doc;
	const quiz = doc.value.children[0];
	if (!quiz || quiz.name !== 'quiz')
		return {
			ok: false,
			problems: [
				{ path: '', message: 'not Moodle XML: the root element must be <quiz>', line: quiz?.line }
			]
		};
	const warnings: Problem[] = [];
	const refs: MediaRefs = { images: 0, sounds: 0 };
	const html = (el: XmlElement | undefined) => fieldText(textOf(el), refs);
	const ids = new IdAllocator();
	const questions: Record<string, unknown>[] = [];
	const lines: number[] = [];
	const categories: string[] = [];
	let category = '';
	let n = 0;
	for (const q of children(quiz, 'question')) {
		const type = q.attrs.type ?? '';
		if (type === 'category') {
			category = categoryLeaf(textOf(child(q, 'category')));
			if (category && !categories.includes(category)) categories.push(category);
			continue;
		}
		n++;
		const name = textOf(child(q, 'name')).trim();
		const where = `question ${n}${name ? ` ("${label(name, '')}")` : ''}`;
		const warn = (message: string) =>
			warnings.push({ path: '', line: q.line, message: `${where}: ${message}` });
		const draft = convert(q, type, html, warn);
		if (!draft) {
			warn(
				type === 'description' || type === 'essay'
					? `${type === 'essay' ? 'an' : 'a'} ${type} question has no answer to check; skipped`
					: `the question type "${type}" is not supported; skipped`
			);
			continue;
		}
		const explanation = [
			html(child(q, 'generalfeedback')),
			...children(q, 'hint').map((h) => html(h))
		]
			.map((s, i) => (i > 0 && s ? `Hint: ${s}` : s))
			.filter(Boolean)
			.join('\n');
		const idnumber = textOf(child(q, 'idnumber')).trim();
		const tags = cleanTags(
			[
				...(category && categories.length > 0 ? [category] : []),
				...children(child(q, 'tags'), 'tag').map((t) => textOf(t))
			],
			warn
		);
		questions.push({
			id: ids.claim(idnumber || name, `q${n}`),
			...draft,
			...(explanation ? { explanation } : {}),
			...(tags ? { tags } : {})
		});
		lines.push(q.line);
	}
	if (refs.images || refs.sounds)
		warnings.push({
			path: '',
			message: `${refs.images + refs.sounds} image(s) or media file(s) cannot be shown here; their file names are kept in the text`
		});
	// One category is the set itself, not a tag worth repeating on every question.
	if (categories.length <= 1)
		for (const q of questions) {
			const tags = (q.tags as string[] | undefined)?.filter((t) => t !== categories[0]);
			if (tags?.length) q.tags = tags;
			else delete q.tags;
		}
	return validateWithLines(
		{
			id: opts.setId ?? 'imported',
			title:
				opts.title ?? (categories.length === 1 ? categories[0] : undefined) ?? 'Imported questions',
			questions
		},
		lines,
		warnings
	);
}

// --- export --------------------------------------------------------------------------------

const htmlText = (s: string) => `<text>${escapeXml(textToField(s))}</text>`;
const block = (tag: string, s: string, indent = '    ') =>
	`${indent}<${tag} format="html">${htmlText(s)}</${tag}>`;

/** Moodle's fraction for one of n correct options: 100 / n with five decimals, as Moodle writes it. */
const share = (n: number) => String(Math.round((100 / n) * 1e5) / 1e5);

function answer(fraction: string | number, text: string, feedback = '', extra = ''): string {
	return (
		`    <answer fraction="${fraction}" format="html">\n      ${htmlText(text)}\n` +
		`      <feedback format="html">${htmlText(feedback)}</feedback>${extra}\n    </answer>`
	);
}

function body(
	q: Question,
	warn: (m: string) => void
): { type: string; lines: string[] } | undefined {
	const fb = (i: number) => ('optionFeedback' in q ? (q.optionFeedback?.[i] ?? '') : '');
	switch (q.type) {
		case 'mcq':
		case 'multi': {
			const right = q.type === 'mcq' ? [q.answer] : q.answers;
			const wrong = q.options.length - right.length;
			return {
				type: 'multichoice',
				lines: [
					`    <single>${q.type === 'mcq'}</single>`,
					`    <shuffleanswers>${q.shuffle === false ? 'false' : 'true'}</shuffleanswers>`,
					'    <answernumbering>abc</answernumbering>',
					...q.options.map((o, i) =>
						answer(
							right.includes(i) ? share(right.length) : q.type === 'multi' ? `-${share(wrong)}` : 0,
							o,
							fb(i)
						)
					)
				]
			};
		}
		case 'truefalse':
			return {
				type: 'truefalse',
				lines: [answer(q.answer ? 100 : 0, 'true'), answer(q.answer ? 0 : 100, 'false')]
			};
		case 'short':
			return {
				type: 'shortanswer',
				lines: ['    <usecase>0</usecase>', ...q.answers.map((a) => answer(100, a))]
			};
		case 'numeric':
			return {
				type: 'numerical',
				lines: [
					answer(100, String(q.answer), '', `\n      <tolerance>${q.tolerance ?? 0}</tolerance>`),
					...(q.unit
						? [
								`    <units>\n      <unit>\n        <multiplier>1</multiplier>\n        <unit_name>${escapeXml(q.unit)}</unit_name>\n      </unit>\n    </units>`,
								'    <unitgradingtype>0</unitgradingtype>',
								'    <showunits>3</showunits>',
								'    <unitsleft>0</unitsleft>'
							]
						: [])
				]
			};
		case 'match':
			return {
				type: 'matching',
				lines: [
					'    <shuffleanswers>true</shuffleanswers>',
					...q.pairs.map(
						(p) =>
							`    <subquestion format="html">\n      ${htmlText(p.left)}\n      <answer>${htmlText(p.right)}</answer>\n    </subquestion>`
					)
				]
			};
		case 'order':
			return {
				type: 'ordering',
				lines: [
					'    <layouttype>VERTICAL</layouttype>',
					'    <selecttype>ALL</selecttype>',
					'    <gradingtype>ABSOLUTE_POSITION</gradingtype>',
					...q.items.map(
						(item, i) =>
							`    <answer fraction="${i + 1}" format="html">\n      ${htmlText(item)}\n    </answer>`
					)
				]
			};
		case 'cloze':
			return { type: 'cloze', lines: [] };
		case 'flashcard':
			warn('a flashcard has no Moodle question type; left out');
			return undefined;
	}
}

/** Our cloze → Moodle embedded answers: `{1:SHORTANSWER:=answer#hint}`. */
function clozeToEmbedded(prompt: string): string {
	return parseCloze(prompt)
		.map((p) =>
			p.kind === 'text'
				? p.text
				: `{1:SHORTANSWER:=${escapeCloze(p.answer)}${p.hint ? `#${escapeCloze(p.hint)}` : ''}}`
		)
		.join('');
}

export interface MoodleExport {
	text: string;
	warnings: Problem[];
}

export function toMoodleXml(set: QuestionSet): MoodleExport {
	const warnings: Problem[] = [];
	const out = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<quiz>',
		'  <question type="category">',
		`    <category><text>$course$/top/${escapeXml(set.title.replace(/\//g, '-'))}</text></category>`,
		...(set.description ? [block('info', set.description)] : []),
		'  </question>'
	];
	let quotes = 0;
	set.questions.forEach((q, i) => {
		const warn = (message: string) =>
			warnings.push({ path: `questions[${i}]`, questionId: q.id, message });
		const b = body(q, warn);
		if (!b) return;
		if (q.source?.quote) quotes++;
		const prompt = q.type === 'cloze' ? clozeToEmbedded(q.prompt) : q.prompt;
		out.push(
			`  <question type="${b.type}">`,
			`    <name><text>${escapeXml(label('', q.prompt.replace(/\{\{c\d+::(.*?)(::.*?)?\}\}/g, '$1')))}</text></name>`,
			block('questiontext', prompt),
			block('generalfeedback', q.explanation ?? ''),
			'    <defaultgrade>1</defaultgrade>',
			`    <penalty>${q.type === 'cloze' ? '0.3333333' : '0'}</penalty>`,
			'    <hidden>0</hidden>',
			`    <idnumber>${escapeXml(q.id)}</idnumber>`,
			...b.lines,
			...(q.tags?.length
				? [
						'    <tags>',
						...q.tags.map((t) => `      <tag><text>${escapeXml(t)}</text></tag>`),
						'    </tags>'
					]
				: []),
			'  </question>'
		);
	});
	if (quotes)
		warnings.push({
			path: '',
			message: `${quotes} source quote(s) have no place in Moodle XML; left out`
		});
	out.push('</quiz>', '');
	return { text: out.join('\n'), warnings };
}
