// The static server's hostile-request list (scripts/lib/hostile-requests.ts), run against
// the app and the hub on one port as `npm start -- --host` serves them, aimed at the
// app's files and at the hub's own HTTP API: nothing answers 5xx, and afterwards the hub
// still creates a session and lets a student join, also while slow clients hold sockets.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { hostileRequests, sendRaw } from '../hostile-requests.ts';
import { classroomSet, nodeClient } from './test-kit.ts';
import { startAppWithHub, type AppWithHub } from './with-app.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let build: string;
let app: AppWithHub;
let port: number;

beforeAll(async () => {
	build = mkdtempSync(join(tmpdir(), 'fake-build-'));
	writeFileSync(join(build, '200.html'), '<!doctype html><title>app</title>');
	writeFileSync(join(build, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
	app = await startAppWithHub({ dir: build });
	port = Number(new URL(app.url).port);
});
afterAll(async () => {
	await app.close();
	rmSync(build, { recursive: true, force: true });
});

const apiBodies = [
	'{',
	'null',
	'[]',
	'{"pin":123456}',
	'{"pin":"000000","name":"' + 'x'.repeat(10_000) + '"}',
	'{"__proto__":{"admin":true},"pin":"1"}',
	'\u0000\u00ff'
];

it('answers every hostile request to the files and the hub API without a 5xx, and keeps serving', async () => {
	const targets = ['/favicon.svg', '/hub/api/info', '/hub/api/join', '/hub/api/sessions'];
	for (const path of targets) {
		for (const req of hostileRequests(path)) {
			const reply = await sendRaw(port, req.raw);
			expect(reply.status ?? 400, `${path}: ${req.name}`).toBeLessThan(500);
		}
	}
	for (const body of apiBodies) {
		const raw = [
			'POST /hub/api/join HTTP/1.1',
			'Host: localhost',
			'Content-Type: application/json',
			`Content-Length: ${Buffer.byteLength(body)}`,
			'Connection: close',
			'',
			body
		].join('\r\n');
		const reply = await sendRaw(port, raw);
		expect(reply.status ?? 400, `join body ${body.slice(0, 30)}`).toBeGreaterThanOrEqual(400);
		expect(reply.status ?? 400, `join body ${body.slice(0, 30)}`).toBeLessThan(500);
	}

	// Still a working classroom: a session is created and a student joins by its PIN.
	const client = nodeClient(app.url.replace(/\/$/, ''));
	const created = await client.createSession({ set: classroomSet(), mode: 'self', count: 2 });
	expect(created.pin).toMatch(/^\d{6}$/);
	const page = await fetch(`${app.url}favicon.svg`);
	expect(page.status).toBe(200);
});

it('keeps serving while slow clients hold connections open', async () => {
	const { connect } = await import('node:net');
	const sockets: import('node:net').Socket[] = [];
	// 40 half-sent HTTP requests and 20 WebSocket upgrades that never authenticate or read.
	const opened = (raw: string) =>
		new Promise<void>((done) => {
			const s = connect(port, '127.0.0.1', () => {
				s.write(raw);
				done();
			});
			s.on('error', () => done());
			sockets.push(s);
		});
	for (let i = 0; i < 40; i++) await opened('GET /hub/api/info HTTP/1.1\r\nHost: x\r\nX-Slow: ');
	for (let i = 0; i < 20; i++)
		await opened(
			'GET /hub/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
				'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'
		);
	try {
		const client = nodeClient(app.url.replace(/\/$/, ''));
		const created = await client.createSession({ set: classroomSet(), mode: 'self', count: 2 });
		const joined = await fetch(`${app.url}hub/api/join`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ pin: created.pin, name: 'Ana' })
		});
		expect(joined.status).toBe(200);
		expect((await fetch(`${app.url}favicon.svg`)).status).toBe(200);
	} finally {
		for (const s of sockets) s.destroy();
	}
});
