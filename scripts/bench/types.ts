// The contract between `npm run bench` and each benchmark in scripts/bench/.
export interface Metric {
	metric: string;
	value: number;
	unit: string;
	/** Optional budget from ARCHITECTURE.md "Performance budgets", printed so a reader sees pass/fail at a glance. */
	budget?: { max?: number; min?: number };
}

export interface BenchContext {
	/** Project root (absolute). */
	root: string;
	/** The production build directory (built before benches run). */
	buildDir: string;
	/** Path to a Chromium binary; benches that need a browser launch it themselves. */
	chromiumPath: string;
}

/** Each scripts/bench/<name>.bench.ts default-exports one of these. */
export type Bench = (ctx: BenchContext) => Promise<Metric[]>;
