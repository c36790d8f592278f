// `npm run test:e2e`: checks for Chromium and a build, then runs tests/e2e with vitest.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromiumPath } from '../tests/e2e/chromium.ts';

try {
	chromiumPath();
} catch (e) {
	console.error(`e2e: ${(e as Error).message}`);
	process.exit(1);
}
const buildDir = process.env.BUILD_DIR ?? 'build';
if (!existsSync(`${buildDir}/200.html`)) {
	console.error(`e2e: no production build in ${buildDir}/; run "npm run build" first`);
	process.exit(1);
}
const r = spawnSync(
	'npx',
	[
		'vitest',
		'run',
		'--config',
		'vitest.e2e.config.ts',
		'--reporter=default',
		'--reporter=json',
		'--outputFile.json=test-results/e2e.json',
		...process.argv.slice(2)
	],
	{ stdio: 'inherit' }
);
process.exit(r.status ?? 1);
