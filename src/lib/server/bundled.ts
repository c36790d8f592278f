// The bundled sets from questions/, read at build time through Vite (never shipped as JS:
// pages get them through prerendered JSON endpoints that the service worker precaches).
import { assembleSet, summarize, type SetSummary } from '$lib/core/bank/load';
import { formatProblem } from '$lib/core/bank/problems';
import type { QuestionSet } from '$lib/core/bank/schema';

const jsonFiles = import.meta.glob<string>('/questions/*/set.json', {
	query: '?raw',
	import: 'default',
	eager: true
});
const sourceFiles = import.meta.glob<string>('/questions/*/source.txt', {
	query: '?raw',
	import: 'default',
	eager: true
});

function loadAll(): QuestionSet[] {
	const sets: QuestionSet[] = [];
	for (const [path, json] of Object.entries(jsonFiles)) {
		const result = assembleSet(json, sourceFiles[path.replace(/set\.json$/, 'source.txt')]);
		// A broken bundled set must fail the build loudly, not ship half a bank.
		if (!result.ok) throw new Error(`${path}: ${result.problems.map(formatProblem).join('; ')}`);
		sets.push(result.value);
	}
	return sets.sort((a, b) => a.title.localeCompare(b.title));
}

const sets = loadAll();

export function bundledSets(): readonly QuestionSet[] {
	return sets;
}

export function bundledSet(id: string): QuestionSet | undefined {
	return sets.find((s) => s.id === id);
}

export function bundledSummaries(): SetSummary[] {
	return sets.map(summarize);
}
