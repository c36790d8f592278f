// Quiz generation speed (ARCHITECTURE.md "Performance budgets"): 20 questions from a 10,000-question bank of every
// type, in Node. Many seeds, so selection, ordering and distractor search all vary. Again
// from the same set (the quiz setup recounts on every filter change), and from a set just
// loaded.
import { generateQuiz } from '../../src/lib/core/quiz/generate.ts';
import { fixtureSet } from '../../src/lib/core/quiz/fixtures.ts';
import type { QuizMode } from '../../src/lib/core/quiz/types.ts';
import type { Bench } from './types.ts';

const RUNS = 400;
const WARMUP = 50;

function p50(xs: number[]): number {
	const s = xs.slice().sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)]!;
}

function measure(
	mode: QuizMode,
	progress?: Map<string, { due: boolean; lapses: number; stability: number }>,
	{ fresh = false, runs = RUNS }: { fresh?: boolean; runs?: number } = {}
): number {
	const made = fixtureSet(10_000, 'bench');
	const times: number[] = [];
	for (let i = 0; i < WARMUP + runs; i++) {
		// Fresh: the set as just loaded (nothing remembered about its questions); otherwise
		// the same objects again, as the quiz setup recounts them on every filter change.
		const bank = fresh ? structuredClone(made) : made;
		const t = performance.now();
		const quiz = generateQuiz([bank], { count: 20, mode, seed: `bench-${i}` }, progress);
		const ms = performance.now() - t;
		if (quiz.items.length !== 20)
			throw new Error(`expected 20 questions, got ${quiz.items.length}`);
		if (i >= WARMUP) times.push(ms);
	}
	return p50(times);
}

const bench: Bench = async () => {
	const progress = new Map(
		Array.from({ length: 10_000 }, (_, i) => [
			`q${i}`,
			{ due: i % 7 === 0, lapses: i % 5, stability: (i % 60) + 0.5 }
		])
	);
	const round = (x: number) => Math.round(x * 1000) / 1000;
	return [
		{
			metric: 'quiz.generate_ms_p50',
			value: round(measure('exam')),
			unit: 'ms',
			budget: { max: 5 }
		},
		{
			metric: 'quiz.generate_practice_ms_p50',
			value: round(measure('practice', progress)),
			unit: 'ms',
			budget: { max: 5 }
		},
		{
			// For information: once per set loaded, where the budget is for every recount.
			metric: 'quiz.generate_first_ms_p50',
			value: round(measure('exam', undefined, { fresh: true, runs: 60 })),
			unit: 'ms'
		}
	];
};

export default bench;
