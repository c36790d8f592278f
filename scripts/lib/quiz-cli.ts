// `bank quiz`: the app's generateQuiz from the command line, as JSON or as a paper quiz
// with an answer key. Same sets, options and seed ⇒ the very quiz the app shows.
import { assembleSet } from '../../src/lib/core/bank/load.ts';
import { formatProblem } from '../../src/lib/core/bank/problems.ts';
import {
	QUESTION_TYPES,
	type QuestionSet,
	type QuestionType
} from '../../src/lib/core/bank/schema.ts';
import { generateQuiz } from '../../src/lib/core/quiz/generate.ts';
import { expectedText } from '../../src/lib/core/quiz/grade.ts';
import type { AskedQuestion, Quiz, QuizMode } from '../../src/lib/core/quiz/types.ts';
import { CliError, display, findSets, readSetFile } from './files.ts';

/** The options `bank quiz` adds to the CLI's parseArgs config. */
export const QUIZ_ARGS = {
	count: { type: 'string' },
	seed: { type: 'string' },
	tags: { type: 'string' },
	types: { type: 'string' },
	mode: { type: 'string' }
} as const;

export const QUIZ_USAGE = `  npm run -s bank -- quiz <set…> --count N --seed S [--tags a,b] [--types mcq,short]
                   [--mode exam|practice] [--format json|text]
                                                  a quiz as the app makes it (mode exam by default)`;

export interface QuizArgs {
	count?: string;
	seed?: string;
	tags?: string;
	types?: string;
	mode?: string;
	format?: string;
}

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

const MAX_COUNT = 1000;
const list = (s?: string) =>
	(s ?? '')
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);

function loadSets(paths: string[]): QuestionSet[] {
	const sets: QuestionSet[] = [];
	for (const path of findSets(paths)) {
		const { file, json, sourceText } = readSetFile(path);
		const result = assembleSet(json, sourceText);
		if (!result.ok) {
			const first = result.problems[0]!;
			const more = result.problems.length - 1;
			throw new CliError(
				`${display(file)}: ${formatProblem(first)}${more ? ` (and ${more} more; run "bank check")` : ''}`
			);
		}
		sets.push(result.value);
	}
	return sets;
}

/** Builds the quiz for CLI arguments; throws CliError with one clear line on bad input. */
export function quizFromArgs(paths: string[], args: QuizArgs): { quiz: Quiz; sets: QuestionSet[] } {
	if (paths.length === 0) throw new CliError('quiz needs a set directory or file');
	const countText = args.count ?? '';
	const count = Number(countText);
	if (!/^\d+$/.test(countText.trim()) || count < 1 || count > MAX_COUNT)
		throw new CliError(
			`--count must be a whole number from 1 to ${MAX_COUNT}, got ${args.count === undefined ? 'nothing' : `"${countText}"`}`
		);
	const seed = args.seed?.trim();
	if (!seed)
		throw new CliError(
			'--seed is required (any text, e.g. --seed 7KQ2MD), so the quiz can be made again'
		);
	const mode = (args.mode ?? 'exam') as QuizMode;
	if (mode !== 'exam' && mode !== 'practice')
		throw new CliError(`--mode must be exam or practice, got "${args.mode}"`);
	const types = list(args.types);
	const badType = types.find((t) => !(QUESTION_TYPES as readonly string[]).includes(t));
	if (badType)
		throw new CliError(`--types: unknown type "${badType}"; known: ${QUESTION_TYPES.join(', ')}`);
	const tags = list(args.tags);
	const sets = loadSets(paths);
	const quiz = generateQuiz(sets, {
		count,
		mode,
		seed,
		...(tags.length ? { tags } : {}),
		...(types.length ? { types: types as QuestionType[] } : {})
	});
	if (quiz.items.length === 0)
		throw new CliError(
			`no questions match${tags.length ? ` tags ${tags.join(', ')}` : ''}${types.length ? ` types ${types.join(', ')}` : ''}`
		);
	return { quiz, sets };
}

const letter = (i: number) => String.fromCharCode(65 + i);
const blank = '________________';

function indent(text: string, pad: string): string {
	return text
		.split('\n')
		.map((l) => (l ? pad + l : l))
		.join('\n');
}

function paperQuestion(a: AskedQuestion): string[] {
	switch (a.type) {
		case 'mcq':
			return a.options.map((o, i) => `${letter(i)}. ${o}`);
		case 'multi':
			return ['(tick every correct option)', ...a.options.map((o, i) => `[ ] ${letter(i)}. ${o}`)];
		case 'truefalse':
			return ['True / False'];
		case 'short':
		case 'flashcard':
			return [`Answer: ${blank}`];
		case 'numeric':
			return [`Answer: ${blank}${a.unit ? ` ${a.unit}` : ''}`];
		case 'cloze':
			return a.blanks.map((b, i) => `(${i + 1}) ${blank}${b.hint ? `  hint: ${b.hint}` : ''}`);
		case 'order':
			return [
				'(put in order: write the letters)',
				...a.items.map((it, i) => `${letter(i)}. ${it}`),
				`Order: ${a.items.map(() => '___').join(' ')}`
			];
		case 'match': {
			const width = Math.max(...a.left.map((l) => l.length)) + 4;
			const rows = Math.max(a.left.length, a.right.length);
			return [
				'(match each numbered item with a letter)',
				...Array.from({ length: rows }, (_, i) => {
					const l = a.left[i] !== undefined ? `${i + 1}. ${a.left[i]} ___` : '';
					const r = a.right[i] !== undefined ? `${letter(i)}. ${a.right[i]}` : '';
					return (l.padEnd(width + 7) + r).trimEnd();
				})
			];
		}
	}
}

function keyLine(a: AskedQuestion): string {
	switch (a.type) {
		case 'mcq':
			return `${letter(a.answer)} (${a.options[a.answer]})`;
		case 'multi':
			return a.answers.map(letter).join(', ');
		case 'order': {
			const want: string[] = [];
			a.order.forEach((pos, shown) => (want[pos] = letter(shown)));
			return want.join(' ');
		}
		case 'match':
			return a.answer.map((r, i) => `${i + 1}-${letter(r)}`).join(', ');
		case 'cloze':
			return a.blanks.map((b, i) => `(${i + 1}) ${b.answer}`).join('; ');
		case 'short':
			return a.answers.join(' / ');
		default:
			return expectedText(a);
	}
}

/** A printable quiz: numbered questions, lettered options, blanks, then the answer key. */
export function quizText(quiz: Quiz, title: string): string {
	const out: string[] = [
		title,
		`${quiz.items.length} questions · ${quiz.mode} · seed ${quiz.seed}`,
		''
	];
	quiz.items.forEach((item, n) => {
		const num = `${n + 1}. `;
		out.push(num + indent(item.asked.prompt, ' '.repeat(num.length)).trimStart());
		for (const line of paperQuestion(item.asked)) out.push(indent(line, ' '.repeat(num.length)));
		out.push('');
	});
	out.push('Answer key', '');
	quiz.items.forEach((item, n) => out.push(`${n + 1}. ${keyLine(item.asked)}`));
	return out.join('\n');
}

/** `bank quiz` itself: prints the quiz and returns the exit code. */
export function quizCommand(paths: string[], args: QuizArgs, out: Out): number {
	const format = args.format ?? 'json';
	if (format !== 'json' && format !== 'text')
		throw new CliError(`unknown format "${format}"; supported: json, text`);
	const { quiz, sets } = quizFromArgs(paths, args);
	if (format === 'json') out.stdout(JSON.stringify(quiz, null, '\t'));
	else out.stdout(quizText(quiz, sets.map((s) => s.title).join(' + ')));
	return 0;
}
