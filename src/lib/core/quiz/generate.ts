// generateQuiz: sets + options + seed → the same quiz on every device. One filter pass
// over the bank, then seeded selection, order and presentation of the chosen few; the
// cost of a quiz grows with the bank only through that pass.
import type { QuestionSet } from '../bank/schema';
import { siblingKey } from '../bank/siblings';
import { findQuote, paragraphs } from '../bank/text';
import { present, type Pools } from './present';
import { createRng, normalizeSeed, randomInt, shuffle, type Rng } from './rng';
import type {
	ProgressMap,
	QuestionProgress,
	Quiz,
	QuizItem,
	QuizOptions,
	ResolvedQuizOptions
} from './types';

export const quizKey = (setId: string, questionId: string) => `${setId}/${questionId}`;

export function resolveOptions(options: QuizOptions): ResolvedQuizOptions {
	const count = Number.isFinite(options.count) ? Math.max(0, Math.floor(options.count)) : 0;
	const out: ResolvedQuizOptions = {
		...options,
		count,
		seed: normalizeSeed(options.seed),
		shuffleQuestions: options.shuffleQuestions ?? true,
		variety: options.variety ?? true
	};
	if (out.mode !== 'exam') delete out.timeLimitMinutes;
	return out;
}

/**
 * How strongly practice favours a question: due and often-forgotten ones most, new ones
 * a little, well-known ones least. Small integers, so selection is exact arithmetic.
 */
export function practiceWeight(p: QuestionProgress | undefined): number {
	if (!p) return 3;
	let w = 1;
	if (p.due) w += 4;
	w += Math.min(Math.max(0, Math.floor(p.lapses)), 4);
	if (p.stability !== undefined && p.stability < 3) w += 2;
	else if (p.stability !== undefined && p.stability < 14) w += 1;
	return w;
}

// Question ids per set, cached: reading `q.id` across nine question shapes is a slow
// (megamorphic) property access, and the filter pass would do it 10,000 times.
const idCache = new WeakMap<QuestionSet, string[]>();
function idsOf(set: QuestionSet): string[] {
	let ids = idCache.get(set);
	if (!ids) idCache.set(set, (ids = set.questions.map((q) => q.id)));
	return ids;
}

// Sets are immutable once parsed; their distractor pools are built once, on first need.
const poolCache = new WeakMap<QuestionSet, Pools>();

function poolsOfSet(set: QuestionSet): Pools {
	let p = poolCache.get(set);
	if (!p) {
		p = { text: [], numeric: [] };
		for (const q of set.questions) {
			if (q.type === 'flashcard' || q.type === 'short') p.text.push(q);
			else if (q.type === 'numeric') p.numeric.push(q);
		}
		poolCache.set(set, p);
	}
	return p;
}

function poolsOf(sets: readonly QuestionSet[]): Pools {
	const seen = new Set<string>();
	const mine = sets.filter((s) => !seen.has(s.id) && seen.add(s.id));
	if (mine.length === 1) return poolsOfSet(mine[0]!);
	const out: Pools = { text: [], numeric: [] };
	for (const s of mine) {
		const p = poolsOfSet(s);
		out.text.push(...p.text);
		out.numeric.push(...p.numeric);
	}
	return out;
}

/** k distinct indices of [0, n), uniformly: a partial Fisher–Yates over a virtual array. */
function sampleUniform(n: number, k: number, rng: Rng): number[] {
	const swapped = new Map<number, number>();
	const out: number[] = [];
	for (let i = 0; i < k; i++) {
		const j = i + randomInt(rng, n - i);
		const vj = swapped.get(j) ?? j;
		swapped.set(j, swapped.get(i) ?? i);
		out.push(vj);
	}
	return out;
}

/** k distinct indices drawn with probability ∝ weight, without replacement (Fenwick tree). */
function sampleWeighted(weights: readonly number[], k: number, rng: Rng): number[] {
	const n = weights.length;
	const tree = new Float64Array(n + 1);
	let total = 0;
	for (let i = 0; i < n; i++) {
		tree[i + 1] = weights[i]!;
		total += weights[i]!;
	}
	for (let i = 1; i <= n; i++) {
		const parent = i + (i & -i);
		if (parent <= n) tree[parent]! += tree[i]!;
	}
	let top = 1;
	while (top * 2 <= n) top *= 2;
	const out: number[] = [];
	for (let picked = 0; picked < k && total > 0; picked++) {
		let target = randomInt(rng, total);
		let pos = 0;
		for (let step = top; step > 0; step >>= 1) {
			const next = pos + step;
			if (next <= n && tree[next]! <= target) {
				pos = next;
				target -= tree[next]!;
			}
		}
		// pos is the 0-based index whose cumulative range holds the target.
		const w = weights[pos]!;
		out.push(pos);
		total -= w;
		for (let i = pos + 1; i <= n; i += i & -i) tree[i]! -= w;
	}
	return out;
}

/**
 * A quiz from `sets`. Deterministic: the same sets, options and seed give the same
 * questions, order and option order anywhere. `progress` (practice only) favours due
 * and weak questions.
 */
export function generateQuiz(
	sets: readonly QuestionSet[],
	options: QuizOptions,
	progress?: ProgressMap
): Quiz {
	const opts = resolveOptions(options);
	const tags = opts.tags?.length ? new Set(opts.tags.map((t) => t.toLowerCase())) : undefined;
	const types = opts.types?.length ? new Set<string>(opts.types) : undefined;
	const difficulty = opts.difficulty?.length ? new Set<number>(opts.difficulty) : undefined;
	const ids = opts.questionIds ? new Set(opts.questionIds) : undefined;
	const weighted = opts.mode === 'practice' && progress !== undefined && progress.size > 0;
	// Ids cannot hold "/", so one key tells how the whole map is keyed (one lookup each).
	const byKey = weighted && String(progress.keys().next().value).includes('/');

	// Chosen-from questions as parallel arrays of set and question indices (no objects).
	const candSet: number[] = [];
	const candQ: number[] = [];
	const weights: number[] = [];
	const seenSets = new Set<string>();
	const filtersQuestion = types || difficulty || tags || opts.paragraph !== undefined;
	let uniform = true;

	sets.forEach((set, si) => {
		// The same set twice would repeat questions; the first copy wins.
		if (seenSets.has(set.id)) return;
		seenSets.add(set.id);
		const qids = idsOf(set);
		let paras: string[] | undefined;
		if (opts.paragraph !== undefined) paras = set.sourceText ? paragraphs(set.sourceText) : [];
		for (let qi = 0; qi < qids.length; qi++) {
			const id = qids[qi]!;
			if (ids && !ids.has(id) && !ids.has(quizKey(set.id, id))) continue;
			if (filtersQuestion) {
				const q = set.questions[qi]!;
				if (types && !types.has(q.type)) continue;
				if (difficulty && !difficulty.has(q.difficulty ?? 2)) continue;
				if (tags && !(q.tags ?? []).some((t) => tags.has(t.toLowerCase()))) continue;
				if (paras && !(q.source && findQuote(paras, q.source.quote) === opts.paragraph)) continue;
			}
			candSet.push(si);
			candQ.push(qi);
			if (weighted) {
				const w = practiceWeight(progress.get(byKey ? quizKey(set.id, id) : id));
				if (weights.length && w !== weights[0]) uniform = false;
				weights.push(w);
			}
		}
	});

	// Siblings (one fact asked several ways) count once: a quiz asks one of them.
	const sibling = candQ.map((qi, i) =>
		siblingKey(sets[candSet[i]!]!.id, sets[candSet[i]!]!.questions[qi]!)
	);
	const n = new Set(sibling).size;
	const k = Math.min(opts.count, n);
	let chosen: number[] = [];
	let rng = createRng(`${opts.seed}|select`);
	// Draw k; drop later siblings; draw more while short. Each draw restarts the same
	// generator, so a quiz without siblings is exactly what a single draw gives.
	for (let m = k; ; m = Math.min(candQ.length, m * 2)) {
		rng = createRng(`${opts.seed}|select`);
		const drawn =
			m === candQ.length && m === k
				? candQ.map((_, i) => i)
				: weighted && !uniform
					? sampleWeighted(weights, m, rng)
					: sampleUniform(candQ.length, m, rng);
		const seen = new Set<string>();
		chosen = [];
		for (const i of drawn) {
			if (chosen.length === k) break;
			if (seen.has(sibling[i]!)) continue;
			seen.add(sibling[i]!);
			chosen.push(i);
		}
		if (chosen.length === k || m === candQ.length) break;
	}
	chosen = opts.shuffleQuestions ? shuffle(chosen, rng) : chosen.sort((a, b) => a - b);

	let pools: Pools | undefined;
	const ctx = {
		mode: opts.mode,
		variety: opts.variety,
		pools: () => (pools ??= poolsOf(sets))
	};
	const items: QuizItem[] = chosen.map((i) => {
		const set = sets[candSet[i]!]!;
		const q = set.questions[candQ[i]!]!;
		const key = quizKey(set.id, q.id);
		// Each question has its own generator, so how it is asked does not shift when
		// another question joins or leaves the quiz.
		const asked = present(q, createRng(`${opts.seed}|${key}`), ctx);
		return { key, setId: set.id, questionId: q.id, asked };
	});

	return {
		seed: opts.seed,
		mode: opts.mode,
		...(opts.timeLimitMinutes !== undefined ? { timeLimitMinutes: opts.timeLimitMinutes } : {}),
		options: opts,
		available: n,
		items
	};
}
