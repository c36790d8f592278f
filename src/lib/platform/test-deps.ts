// Test-only: InsightsDeps over a fresh fake-indexeddb database, a fixed clock, and one
// "bundled" set served from memory.
import { describeStorageError, openDb, type Db } from '$lib/platform/storage';
import type { InsightsDeps } from './deps';

export const NOW = Date.UTC(2025, 0, 8, 15, 0, 0);
export const BUNDLED = {
	id: 'ttp',
	version: 1,
	title: 'Peace talks',
	questionCount: 6
};
export const BUNDLED_QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];

export interface TestDeps extends InsightsDeps {
	reported: unknown[];
	db(): Promise<Db>;
}

export function testDeps(now = NOW): TestDeps {
	let db: Promise<Db> | undefined;
	const reported: unknown[] = [];
	const open = () => (db ??= openDb());
	return {
		reported,
		db: open,
		open,
		now: () => now,
		report: (e) => {
			reported.push(e);
			return describeStorageError(e);
		},
		bundledSets: async () => [BUNDLED],
		bundledQuestionIds: async (id) => (id === BUNDLED.id ? BUNDLED_QUESTIONS : undefined)
	};
}
