// Hostile and broken clients: garbage frames, documents they may not open, writes beyond
// their own answers, forged results, oversize and malformed answers, commands from a
// student. Each is refused and logged; the hub keeps serving the honest class.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { docName, type JoinReply } from '../../../src/lib/core/classroom/live/protocol.ts';
import { startHubServer, type RunningHub } from './main.ts';
import { classroomSet, nodeClient, rightAnswer, waitFor } from './test-kit.ts';

// Real sockets and processes on a shared machine: generous limits, never a timing assertion.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let dir: string;
let running: RunningHub;
const logs: string[] = [];
let sid = '';
let pin = '';
let questionIds: string[] = [];

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'hub-hostile-'));
	running = await startHubServer({ dataDir: dir, log: (l) => logs.push(l), logPerSecond: 1e6 });
	const tc = nodeClient(running.url);
	const created = await tc.createSession({ set: classroomSet(), mode: 'self', count: 3 });
	sid = created.sessionId;
	pin = created.pin;
	questionIds = (await tc.report(sid)).questions.map((q) => q.questionId);
	const t = tc.teacher(sid);
	await waitFor(t, (s) => s.synced);
	await t.start();
	t.destroy();
});
afterAll(async () => {
	await running.close();
	rmSync(dir, { recursive: true, force: true });
});

async function joinRaw(name: string): Promise<JoinReply> {
	const res = await fetch(`${running.url}/hub/api/join`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ pin, name })
	});
	expect(res.status).toBe(200);
	return (await res.json()) as JoinReply;
}

/** A provider on one document; resolves with how the hub answered. */
function openDoc(name: string, token: string, doc = new Y.Doc()) {
	const socket = new HocuspocusProviderWebsocket({
		url: `${running.url.replace('http', 'ws')}/hub/ws`,
		WebSocketPolyfill: WebSocket
	});
	const provider = new HocuspocusProvider({
		websocketProvider: socket,
		name,
		token,
		document: doc,
		awareness: null
	});
	provider.attach();
	const outcome = new Promise<'synced' | 'denied'>((resolve) => {
		provider.on('synced', () => resolve('synced'));
		provider.on('authenticationFailed', () => resolve('denied'));
	});
	return { provider, socket, doc, outcome, close: () => (provider.destroy(), socket.destroy()) };
}

/** Sends raw frames on a bare WebSocket; resolves when the hub closes it (or after 2 s). */
function rawSocket(frames: (Uint8Array | string)[]): Promise<'closed' | 'open'> {
	return new Promise((resolve) => {
		const ws = new WebSocket(`${running.url.replace('http', 'ws')}/hub/ws`);
		const timer = setTimeout(() => (ws.terminate(), resolve('open')), 2000);
		ws.on('open', () => frames.forEach((f) => ws.send(f)));
		ws.on('close', () => (clearTimeout(timer), resolve('closed')));
		ws.on('error', () => {});
	});
}

function frame(doc: string, build: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarString(e, doc);
	build(e);
	return encoding.toUint8Array(e);
}

it('closes connections that send garbage, floods, or over-size frames', async () => {
	const before = running.hub.counters.rejected;
	expect(await rawSocket([new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])])).toBe('closed');
	expect(await rawSocket(['not yjs at all'])).toBe('closed');
	expect(await rawSocket([new Uint8Array(LIMIT_PLUS_ONE)])).toBe('closed');
	const many = Array.from({ length: 70 }, (_, i) =>
		frame(`studydeck/s/${'0'.repeat(11)}${i % 10}/public${i}`, (e) => encoding.writeVarUint(e, 2))
	);
	expect(await rawSocket(many)).toBe('closed');
	expect(running.hub.counters.rejected).toBeGreaterThan(before);
});
const LIMIT_PLUS_ONE = 256 * 1024 + 1;

it('refuses documents a token does not open', async () => {
	const me = await joinRaw('Mallory');
	const other = await joinRaw('Victim');
	const attempts = [
		openDoc(docName.teacher(sid), me.token),
		openDoc(docName.student(sid, other.studentId), me.token),
		openDoc(docName.key(sid), me.token),
		openDoc(docName.registry(), me.token),
		openDoc(docName.public(sid), 's.' + sid + '.' + me.studentId + '.forged'),
		openDoc(docName.public(sid), '')
	];
	expect(await Promise.all(attempts.map((a) => a.outcome))).toEqual(Array(6).fill('denied'));
	attempts.forEach((a) => a.close());
	expect(logs.some((l) => /rejected .*another student/.test(l))).toBe(true);
});

it('rejects writes beyond the student’s own answers and never grades them', async () => {
	const me = await joinRaw('Eve');
	const before = running.hub.counters.rejected;
	const tries: ((d: Y.Doc) => void)[] = [
		(d) =>
			d
				.getMap('results')
				.set(questionIds[0]!, { score: 1, correct: true, points: 100, expected: '' }),
		(d) => d.getText('notes').insert(0, 'x'),
		(d) => d.getMap('answers').set('no-such-question', { response: 1, at: 0 }),
		(d) => d.getMap('answers').set(questionIds[0]!, { response: 'x'.repeat(5000), at: 0 }),
		(d) => d.getMap('answers').set(questionIds[0]!, { response: { $gt: 1 }, at: 0 }),
		(d) => d.getMap('answers').set(questionIds[0]!, new Y.Map())
	];
	for (const write of tries) {
		const c = openDoc(docName.student(sid, me.studentId), me.token);
		expect(await c.outcome).toBe('synced');
		const closed = new Promise<void>((r) => c.provider.on('close', () => r()));
		c.doc.transact(() => write(c.doc));
		await closed;
		c.close();
	}
	// A command from a student is refused too.
	const pub = openDoc(docName.public(sid), me.token);
	expect(await pub.outcome).toBe('synced');
	pub.provider.sendStateless(JSON.stringify({ id: 1, cmd: 'end' }));
	await new Promise((r) => setTimeout(r, 300));
	pub.close();
	const report = await nodeClient(running.url).report(sid);
	expect(report.answers.filter((a) => a.student === me.studentId)).toEqual([]);
	expect(report.session.endedAt).toBeUndefined();
	// Each write and the command were refused (the console log is rate-limited; the count is not).
	expect(running.hub.counters.rejected - before).toBe(tries.length + 1);
	expect(logs.some((l) => l.startsWith('hub: rejected a write to'))).toBe(true);
});

it('keeps serving an honest student after all that', async () => {
	const tc = nodeClient(running.url);
	const { questions } = await tc.report(sid);
	const s = await nodeClient(running.url).join(pin, 'Honest');
	for (const q of questions) s.submitAnswer(q.questionId, rightAnswer(q.asked));
	const done = await waitFor(s, (x) => x.results.size === questions.length, 5000);
	expect([...done.results.values()].every((r) => r.correct)).toBe(true);
	s.destroy();
});

it('rejects malformed HTTP requests with plain messages', async () => {
	const post = (path: string, body: string, type = 'application/json') =>
		fetch(`${running.url}/hub/api/${path}`, {
			method: 'POST',
			headers: { 'Content-Type': type },
			body
		});
	expect((await post('join', '{')).status).toBe(400);
	expect((await post('join', '{"pin":"1","name":"x"}', 'text/plain')).status).toBe(415);
	expect((await post('join', JSON.stringify({ pin: '123456', name: 'x', extra: 1 }))).status).toBe(
		400
	);
	expect((await post('join', 'x'.repeat(10_000))).status).toBe(413);
	const bad = await post('sessions', JSON.stringify({ set: { id: 'x' }, mode: 'self', count: 2 }));
	expect(bad.status).toBe(400);
	expect(((await bad.json()) as { error: string }).error).toMatch(/set has problems/);
	expect((await fetch(`${running.url}/hub/api/nope`)).status).toBe(404);
});
