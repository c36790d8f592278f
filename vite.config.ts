import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// The Anki reader runs in a module worker (src/lib/bank/formats/anki/worker.ts).
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'questions/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['src/test-setup.ts']
	}
});
