// The static server behind `npm start`, run as its own process and probed over real HTTP:
// a hostile request must never stop it, and every answer carries the security headers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileRequests, sendRaw } from './hostile-requests.ts';
import { SECURITY_HEADERS } from './server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'serve-'));
writeFileSync(join(dir, '200.html'), '<!doctype html><title>app</title>');
writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');

let child: ChildProcess;
let port = 0;
let exited: number | null | undefined;

beforeAll(async () => {
	child = spawn(
		process.execPath,
		['--import', 'tsx', 'scripts/serve.ts', '--port', '0', '--dir', dir],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	child.on('exit', (code) => (exited = code));
	port = await new Promise<number>((res, rej) => {
		let out = '';
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /localhost:(\d+)/.exec(out);
			if (m) res(Number(m[1]));
		});
		child.on('exit', () => rej(new Error(`server exited: ${out}`)));
	});
}, 30_000);

afterAll(() => {
	child?.kill();
});

const fetchPath = (path: string, init?: RequestInit) =>
	fetch(`http://127.0.0.1:${port}${path}`, init);

describe('npm start server', () => {
	it('survives Range: bytes=5-2 and answers the whole file', async () => {
		const r = await sendRaw(
			port,
			`GET /favicon.svg HTTP/1.1\r\nHost: x\r\nRange: bytes=5-2\r\nConnection: close`
		);
		expect(r.status).toBe(200);
		expect(r.text).toContain('<svg');
		expect((await fetchPath('/favicon.svg')).status).toBe(200);
		expect(exited).toBeUndefined();
	});

	it('still serves a valid range', async () => {
		const r = await fetchPath('/favicon.svg', {
			headers: { Range: 'bytes=0-3', 'Accept-Encoding': 'identity' }
		});
		expect(r.status).toBe(206);
		expect(await r.text()).toBe('<svg');
	});

	it('stays up through the whole hostile request list', async () => {
		for (const req of hostileRequests('/favicon.svg')) {
			const reply = await sendRaw(port, req.raw);
			// Any answer (or a closed socket for garbage) is fine; a 5xx is not.
			expect(reply.status ?? 400, req.name).toBeLessThan(500);
			const alive = await fetchPath('/favicon.svg');
			expect(alive.status, `after ${req.name}`).toBe(200);
		}
		expect(exited).toBeUndefined();
	});

	it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'])('%s is 405 with Allow', async (method) => {
		const r = await sendRaw(
			port,
			`${method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close`
		);
		expect(r.status).toBe(405);
		expect(r.text).toMatch(/\r\nallow: GET, HEAD\r\n/i);
		expect(r.text).not.toContain('<title>app');
	});

	it('sends the security headers on pages, files, 404s and 405s', async () => {
		const replies = [
			await fetchPath('/'),
			await fetchPath('/study/some-set/'),
			await fetchPath('/favicon.svg'),
			await fetchPath('/missing.js'),
			await fetchPath('/', { method: 'POST' })
		];
		for (const r of replies)
			for (const [name, value] of Object.entries(SECURITY_HEADERS))
				expect(r.headers.get(name), `${r.url} ${name}`).toBe(value);
		expect(SECURITY_HEADERS['Content-Security-Policy']).toContain("frame-ancestors 'none'");
	});
});
