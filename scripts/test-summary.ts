// The last line of `npm test`: "N passed, N failed" over unit and e2e tests, read from
// vitest's JSON reports, so any CI reader sees one plain total.
import { existsSync, readFileSync } from 'node:fs';

const reports = ['test-results/unit.json', 'test-results/e2e.json'];
let passed = 0;
let failed = 0;
for (const file of reports) {
	if (!existsSync(file)) {
		console.error(`test summary: ${file} is missing; did that step run?`);
		process.exit(1);
	}
	const r = JSON.parse(readFileSync(file, 'utf8')) as {
		numPassedTests: number;
		numFailedTests: number;
		numPendingTests: number;
		numTodoTests: number;
	};
	passed += r.numPassedTests;
	failed += r.numFailedTests + r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
