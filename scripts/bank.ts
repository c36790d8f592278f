// The bank CLI: `check`, `export` (and later `quiz`, `convert`). Every failure is one
// clear line on stderr and a non-zero exit; stack traces are bugs.
import { parseArgs } from 'node:util';
import { assembleSet } from '../src/lib/core/bank/load.ts';
import { formatProblem } from '../src/lib/core/bank/problems.ts';
import type { QuestionSet } from '../src/lib/core/bank/schema.ts';
import { CliError, display, findSets, readSetFile } from './lib/files.ts';
import { CONVERT_USAGE, convertCommand, exportCommand } from './lib/convert-cli.ts';
import { QUIZ_ARGS, QUIZ_USAGE, quizCommand } from './lib/quiz-cli.ts';
import { convertAnkiCommand, isApkg } from './lib/anki-cli.ts';

const USAGE = `usage:
  npm run bank -- check [path…]                   validate sets (default: questions/)
${CONVERT_USAGE}
${QUIZ_USAGE}`;

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };

function load(path: string): { set?: QuestionSet; errors: string[] } {
	const { file, json, sourceText } = readSetFile(path);
	const result = assembleSet(json, sourceText);
	if (result.ok) return { set: result.value, errors: [] };
	return { errors: result.problems.map((p) => `${display(file)}: ${formatProblem(p)}`) };
}

function check(paths: string[], out: Out): number {
	const sets = findSets(paths.length ? paths : ['questions']);
	let problems = 0;
	let questions = 0;
	for (const path of sets) {
		const { set, errors } = load(path);
		for (const e of errors) out.stderr(e);
		problems += errors.length;
		questions += set?.questions.length ?? 0;
	}
	if (problems) {
		out.stderr(`${problems} problem${problems === 1 ? '' : 's'} in ${sets.length} set(s)`);
		return 1;
	}
	out.stdout(`ok: ${sets.length} set(s), ${questions} questions, no problems`);
	return 0;
}

/** Synchronous except for Anki decks (SQLite in WebAssembly starts asynchronously). */
export function main(argv: string[], out: Out): number | Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				format: { type: 'string' },
				help: { type: 'boolean' },
				'one-set': { type: 'boolean' },
				...QUIZ_ARGS
			}
		});
	} catch (e) {
		out.stderr(`${(e as Error).message}\n${USAGE}`);
		return 2;
	}
	const [command, ...rest] = parsed.positionals;
	if (parsed.values.help || !command) {
		(parsed.values.help ? out.stdout : out.stderr)(USAGE);
		return parsed.values.help ? 0 : 2;
	}
	try {
		switch (command) {
			case 'check':
				return check(rest, out);
			case 'export':
				return exportCommand(rest, parsed.values.format ?? 'json', out);
			case 'convert':
				return rest.some(isApkg)
					? convertAnkiCommand(rest, out, { oneSet: parsed.values['one-set'] })
					: convertCommand(rest, parsed.values.format, out);
			case 'quiz':
				return quizCommand(rest, parsed.values, out);
			default:
				out.stderr(`unknown command "${command}"\n${USAGE}`);
				return 2;
		}
	} catch (e) {
		if (e instanceof CliError) {
			out.stderr(e.message);
			return 1;
		}
		throw e;
	}
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
	// A bug, not bad input: still one line, with a pointer to report it.
	const internal = (e: unknown) => {
		process.stderr.write(`internal error: ${(e as Error).message} (please report this)\n`);
		process.exitCode = 70;
	};
	try {
		const code = main(process.argv.slice(2), {
			stdout: (s) => process.stdout.write(s + '\n'),
			stderr: (s) => process.stderr.write(s + '\n')
		});
		if (typeof code === 'number') process.exitCode = code;
		else code.then((c) => (process.exitCode = c), internal);
	} catch (e) {
		internal(e);
	}
}
