// The cases of the blind review of this set (issue 14), kept as tests: plausible student
// answers run through the app's own grader, and the distractors of 64 full-length
// generated quizzes checked for their kind. A data or grader edit that brings back a
// reviewed problem fails here.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembleSet, SET_FILE, SOURCE_FILE } from '../../src/lib/core/bank/load.ts';
import { answerKindOf } from '../../src/lib/core/bank/answer-kind.ts';
import type { Question, QuestionSet } from '../../src/lib/core/bank/schema.ts';
import { generateQuiz } from '../../src/lib/core/quiz/generate.ts';
import { gradeAnswer } from '../../src/lib/core/quiz/grade.ts';
import { formatNumber, normalizeAnswer } from '../../src/lib/core/quiz/normalize.ts';
import { present } from '../../src/lib/core/quiz/present.ts';
import { createRng } from '../../src/lib/core/quiz/rng.ts';

const dir = dirname(fileURLToPath(import.meta.url));
const result = assembleSet(
	readFileSync(join(dir, SET_FILE), 'utf8'),
	readFileSync(join(dir, SOURCE_FILE), 'utf8')
);
if (!result.ok) throw new Error(`set does not parse: ${JSON.stringify(result.problems)}`);
const set: QuestionSet = result.value;
const byId = new Map(set.questions.map((q) => [q.id, q]));

/** The question as the app asks it when it is not turned into multiple choice. */
function asked(id: string) {
	const q = byId.get(id);
	if (!q) throw new Error(`no question ${id}`);
	return present(q, createRng('review'), {
		mode: 'practice',
		variety: false,
		pools: () => ({ text: [], numeric: [] })
	});
}

// [question, what a student types, should it be right?]. Cloze answers are one blank.
const STUDENT_ANSWERS: [string, string, boolean][] = [
	// A leading "the" is forgiven; common names and spellings are listed.
	['pakistan-ties-group', 'the Islamic State', true],
	['pakistan-ties-group', 'ISIS-K', true],
	['pakistan-ties-group', 'ISKP', true],
	['pakistan-ties-group', 'al-Qaeda', false],
	['un-report-body', 'the UN', true],
	['un-report-body', 'the United Nations', true],
	['un-report-body', 'UN Security Council', true],
	['un-report-body', 'the Haqqani Network', false],
	['aid-type', 'humanitarian assistance', true],
	['aid-type', 'military aid', false],
	['emirate-basis', 'Islamic sharia', true],
	['emirate-basis', 'the sharia', true],
	['emirate-basis', 'democracy', false],
	['killed-leader', 'Umar Khalid Khurasani', true],
	['killed-leader', 'Omar Khalid Khorasani', true],
	// Named as killed, but the article calls only Khorasani a senior TTP leader.
	['killed-leader', 'Mufti Hassan Swati', false],
	['ttp-demand-province', 'Khyber Pakhtoonkhwa', true],
	['ttp-demand-province', 'the KP', true],
	['ttp-demand-province', 'Baluchistan', false],
	['released-deputy', 'Maulana Faqir Mohammad', true],
	['released-deputy', 'Maulana Faqir Muhammad', true],
	['released-deputy', 'Sirajuddin Haqqani', false],
	['interior-minister', 'Sirajuddin Haqqani', true],
	['isisk-name', 'the ISKP', true],
	// Numbers with their unit or scale words.
	['aid-dependent-millions', '23 million', true],
	['aid-dependent-millions', '23000000', true],
	['aid-dependent-millions', 'almost 23 million people', true],
	['aid-dependent-millions', '23', true],
	['aid-dependent-millions', '22 million', false],
	['first-agreement-year', 'May 2004', true],
	['first-agreement-year', '2007', false],
	['first-ceasefire-days', '50 days', true],
	['first-ceasefire-days', 'fifty', true],
	['released-prisoners-count', 'about 780', true],
	['july-attack-count', '33 attacks', true],
	// 2022 is the year of the current talks, which the question now excludes.
	['haqqani-mediation-year', '2021', true],
	['haqqani-mediation-year', '2022', false],
	// Cloze gaps with honest synonyms.
	['ttp-emboldened', 'encouraged', true],
	['ttp-emboldened', 'empowered', true],
	['ttp-emboldened', 'inspired', true],
	['ttp-emboldened', 'frightened', false],
	['soften-reputation', 'improve', true],
	['soften-reputation', 'repair', true],
	['soften-reputation', 'enhance', true],
	['soften-reputation', 'ruin', false],
	['factions-critical', 'truce', true],
	['factions-critical', 'a ceasefire', true],
	['factions-critical', 'cease-fire', true],
	['isisk-attacks', 'ISKP', true],
	['isisk-attacks', 'ISIS-K', true],
	['isisk-attacks', 'al-Qaeda', false],
	['credibility-skepticism', 'scepticism', true],
	['ttp-grievances', 'complaints', true],
	['pakistan-accused-targeting', 'attack', true],
	['taliban-reassessing', 'rethinking', true]
];

describe('the review’s student answers, through the grader', () => {
	it.each(STUDENT_ANSWERS)('%s: "%s" → %s', (id, typed, right) => {
		const a = asked(id);
		const response = a.type === 'cloze' ? [typed] : typed;
		expect(gradeAnswer(a, response).correct).toBe(right);
	});
});

/** Every question whose answer a generated option could be, by the text shown. */
function sourcesOf(option: string): Question[] {
	const n = normalizeAnswer(option);
	return set.questions.filter((q) => {
		if (q.type === 'short') return normalizeAnswer(q.answers[0]!) === n;
		if (q.type === 'flashcard') return normalizeAnswer(q.back) === n;
		if (q.type === 'numeric')
			return normalizeAnswer(formatNumber(q.answer) + (q.unit ? ` ${q.unit}` : '')) === n;
		return false;
	});
}

const SEEDS = [...Array.from({ length: 60 }, (_, i) => String(i + 1)), 'XYZ', 'Q7', 'K2', 'ABC'];

describe('64 full-length exam quizzes', () => {
	const quizzes = SEEDS.map((seed) =>
		generateQuiz([set], { count: set.questions.length, mode: 'exam', seed })
	);

	it('offer every generated multiple-choice question options of one kind only', () => {
		let generated = 0;
		const wrong: string[] = [];
		for (const quiz of quizzes)
			for (const item of quiz.items) {
				const a = item.asked;
				if (a.type !== 'mcq' || a.originalType === 'mcq') continue;
				generated++;
				const q = byId.get(item.questionId)!;
				const kind = answerKindOf(q);
				for (const [i, option] of a.options.entries()) {
					if (i === a.answer) continue;
					const from = sourcesOf(option);
					if (!from.length) wrong.push(`${quiz.seed} ${q.id}: "${option}" has no source`);
					for (const o of from)
						if (answerKindOf(o) !== kind)
							wrong.push(`${quiz.seed} ${q.id} (${kind}): "${option}" is a ${answerKindOf(o)}`);
					// A distractor is never one of the question's own accepted answers.
					if (
						q.type === 'short' &&
						q.answers.some((x) => normalizeAnswer(x) === normalizeAnswer(option))
					)
						wrong.push(`${quiz.seed} ${q.id}: "${option}" is an accepted answer`);
				}
			}
		expect(wrong).toEqual([]);
		// Not vacuous: exams turn the set's place and group flashcards and years into choices.
		// A full-length exam asks one question per fact (siblings are never asked together),
		// so about 4–5 such questions per exam.
		expect(generated).toBeGreaterThan(64 * 4);
	});

	it('never offer a "Who…" question anything but people', () => {
		for (const quiz of quizzes)
			for (const item of quiz.items) {
				const a = item.asked;
				if (a.type !== 'mcq' || a.originalType === 'mcq' || !/^who/i.test(a.prompt)) continue;
				for (const option of a.options)
					for (const o of sourcesOf(option)) expect(answerKindOf(o), option).toBe('person');
			}
	});
});
