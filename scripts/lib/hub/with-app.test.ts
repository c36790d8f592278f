// `npm start`'s arrangement: the app's files and the hub on one port, under a base path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { classroomSet, nodeClient, waitFor } from './test-kit.ts';
import { startAppWithHub, type AppWithHub } from './with-app.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let build: string;
let app: AppWithHub;

beforeAll(async () => {
	build = mkdtempSync(join(tmpdir(), 'fake-build-'));
	writeFileSync(join(build, '200.html'), '<!doctype html><title>app</title>');
	app = await startAppWithHub({ dir: build, base: '/studydeck' });
});
afterAll(async () => {
	await app.close();
	rmSync(build, { recursive: true, force: true });
});

it('serves the app and the hub on the same address and port', async () => {
	const page = await fetch(`${app.url}class/`);
	expect(await page.text()).toContain('<title>app</title>');
	const base = app.url.replace(/\/$/, '');
	const client = nodeClient(base);
	expect(await client.info()).toEqual({ hub: 'studydeck', version: 1, local: true });
	const created = await client.createSession({ set: classroomSet(), mode: 'self', count: 2 });
	const student = await nodeClient(base).join(created.pin, 'Ana');
	await waitFor(student, (s) => s.synced && s.info?.questions.length === 2);
	student.destroy();
	// Outside the base path nothing answers for the hub.
	const root = new URL(app.url).origin;
	expect((await fetch(`${root}/hub/api/info`)).status).toBe(404);
});
