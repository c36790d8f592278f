// Test-only helper: one seed for every fast-check property, printed so a failure can be
// replayed with `FC_SEED=<seed> npx vitest run …`.
import fc from 'fast-check';

const envSeed = Number(process.env.FC_SEED);
export const FC_SEED = Number.isInteger(envSeed) ? envSeed : 20240601;

let printed = false;

export function fcOptions(numRuns?: number): fc.Parameters<unknown> {
	if (!printed) {
		console.log(`fast-check seed: ${FC_SEED} (replay with FC_SEED=${FC_SEED})`);
		printed = true;
	}
	return { seed: FC_SEED, verbose: true, ...(numRuns ? { numRuns } : {}) };
}
