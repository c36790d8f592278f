import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocStore, frame, readFrames } from './store.ts';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (...xs: number[]) => Uint8Array.from(xs);

it('appends, and loads what it appended', async () => {
	const store = new DocStore(dir);
	await Promise.all([store.append('a/b', bytes(1, 2)), store.append('a/b', bytes(3))]);
	await store.append('a/c', bytes(9));
	await store.close();
	const again = new DocStore(dir);
	expect((await again.load('a/b')).updates).toEqual([bytes(1, 2), bytes(3)]);
	expect((await again.load('a/c')).updates).toEqual([bytes(9)]);
	expect((await again.load('none')).updates).toEqual([]);
	expect((await again.names()).sort()).toEqual(['a/b', 'a/c']);
	await again.close();
});

it('cuts a torn or damaged tail and keeps everything before it', async () => {
	const store = new DocStore(dir);
	await store.append('doc', bytes(1, 2, 3));
	await store.append('doc', bytes(4, 5));
	await store.close();
	const file = new DocStore(dir).path('doc');
	const whole = readFileSync(file).length;
	// A crash in the middle of the third frame: its header and half its body.
	appendFileSync(file, frame(bytes(6, 7, 8, 9)).subarray(0, 10));
	const s2 = new DocStore(dir);
	const loaded = await s2.load('doc');
	expect(loaded.updates).toEqual([bytes(1, 2, 3), bytes(4, 5)]);
	expect(loaded.cut).toBe(10);
	expect(statSync(file).size).toBe(whole);
	// Appends after the cut are readable.
	await s2.append('doc', bytes(10));
	await s2.close();
	expect((await new DocStore(dir).load('doc')).updates).toHaveLength(3);
});

it('stops at a frame whose checksum fails', () => {
	const good = frame(bytes(1));
	const bad = frame(bytes(2, 2));
	bad[bad.length - 1] = 7;
	const { updates, good: at } = readFrames(Buffer.concat([good, bad, frame(bytes(3))]));
	expect(updates).toEqual([bytes(1)]);
	expect(at).toBe(good.length);
});

it('compacts a long log into the document state', async () => {
	const store = new DocStore(dir, { compactAfter: 10 });
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < 30; i++) doc.getMap('m').set(`k${i}`, i);
	for (const u of updates) await store.append('doc', u, () => Y.encodeStateAsUpdate(doc));
	await store.close();
	const loaded = await new DocStore(dir).load('doc');
	expect(loaded.updates.length).toBeLessThan(30);
	const copy = new Y.Doc();
	for (const u of loaded.updates) Y.applyUpdate(copy, u);
	expect(copy.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
});

it('refuses document names that could leave its directory', () => {
	const store = new DocStore(dir);
	expect(() => store.path('../etc/passwd')).toThrow();
	expect(() => store.path('a.b')).toThrow();
});
