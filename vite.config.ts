import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { precacheWorkers } from './scripts/lib/precache-workers';
import { homeChunk } from './scripts/lib/home-chunk';
import { staticPreloads } from './scripts/lib/static-preloads';

export default defineConfig({
	plugins: [sveltekit(), precacheWorkers(), homeChunk(), staticPreloads()],
	// Module workers: the big-paste parser, the Anki reader and the optimiser (fsrs-browser
	// splits into chunks).
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'questions/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['src/test-setup.ts']
	}
});
