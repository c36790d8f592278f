// End-to-end tests: real Chromium (playwright-core) against the production build.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		environment: 'node',
		// Two cores: one browser at a time keeps timings honest and the machine responsive.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
