// An open() that never answers (a wedged profile) is simulated by an idb that never
// settles; openDb must give up with DbTimeoutError so the app can show recovery help.
import { expect, it, vi } from 'vitest';

vi.mock('idb', async (original) => ({
	...(await original<typeof import('idb')>()),
	openDB: () => new Promise(() => {})
}));

it('times out an open() that never answers', async () => {
	const { openDb } = await import('./db');
	const { DbTimeoutError } = await import('./errors');
	await expect(openDb({ timeoutMs: 20 })).rejects.toBeInstanceOf(DbTimeoutError);
});
