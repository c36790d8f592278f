// /class/ reading its address: the teacher's one QR for their own set carries the set
// (#set=…) and the quiz (?join=…); one scan imports the set, then the quiz opens.
import { describe, expect, it } from 'vitest';
import { deleteDb } from '$lib/platform/storage';
import { testDeps } from '$lib/platform/test-deps';
import { classSet } from '$lib/core/classroom/fixtures';
import { encodeSetLink } from '$lib/core/classroom/share';
import { encodeShortCode } from '$lib/core/classroom/short-code';
import { ClassPage } from './class-page.svelte';

const SET = classSet();
const CODE = encodeShortCode(
	{
		setId: SET.id,
		setVersion: SET.version,
		seed: 'K7Q2',
		shufflePerStudent: false,
		options: { count: 3, mode: 'exam' }
	},
	SET
);

function address() {
	const link = encodeSetLink(SET, `http://192.168.1.20:4173/class/?join=${CODE}`);
	if (!link.ok) throw new Error('too big');
	const url = new URL(link.url);
	return { search: url.search, hash: url.hash };
}

describe('ClassPage: one QR with the set and the quiz', () => {
	it('previews the set, imports it on "Import", then opens the quiz', async () => {
		await deleteDb();
		const page = new ClassPage({ ...testDeps(), storage: undefined });
		await page.start(address());
		expect(page.view).toBe('incoming');
		expect(page.quizWaiting).toBe(true);
		expect(page.sharing?.incoming).toMatchObject({ kind: 'preview', set: { id: SET.id } });
		await page.sharing!.importer.confirm('new');
		await page.joinAfterImport();
		expect(page.view).toBe('join');
		expect(page.student.phase).toBe('name');
		expect(page.student.decoded?.code).toBe(CODE);

		// Scanned again: the set is here in this version, so straight to the quiz.
		const again = new ClassPage({ ...testDeps(), storage: undefined });
		await again.start(address());
		expect(again.view).toBe('join');
		expect(again.student.phase).toBe('name');
		page.destroy();
		again.destroy();
	});
});
