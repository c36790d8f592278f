import { describe, expect, it, vi } from 'vitest';
import { openDb, getSet, putSet, type Db } from '$lib/platform/storage';
import { getDraft } from '$lib/platform/storage/drafts';
import type { QuestionSet } from '$lib/core/bank/schema';
import { QUESTIONS_PER_PAGE, SAVE_SLICE, SetEditor, memoryStash } from './set-editor.svelte';
import { memoryCatalog } from '$lib/platform/test-deps';

const T0 = Date.UTC(2025, 0, 6, 9);

const EMPTY: QuestionSet = {
	id: 'cells',
	version: 1,
	title: 'Cells',
	language: 'en',
	questions: []
};

function setup(bundled?: QuestionSet) {
	let db: Promise<Db> | undefined;
	let t = T0;
	const deps = {
		open: () => (db ??= openDb({ name: 'editor' })),
		now: () => ++t,
		catalog: memoryCatalog(bundled ? [bundled] : [], 'bundled'),
		showError: (e: unknown) => String(e),
		stash: memoryStash(),
		debounceMs: 300
	};
	return { deps, db: () => deps.open() };
}

function fillMcq(editor: SetEditor) {
	const q = editor.add('mcq');
	q.prompt = 'Powerhouse of the cell?';
	q.options[0] = 'Mitochondria';
	q.options[1] = 'Nucleus';
	q.correct = [0];
	return q;
}

describe('SetEditor', () => {
	it('loads a stored set, and an edit to a valid whole is saved to sets', async () => {
		const { deps, db } = setup();
		await putSet(await db(), EMPTY, 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		expect(editor.status).toBe('ready');
		expect(editor.set.title).toBe('Cells');
		fillMcq(editor);
		editor.set.description = 'Basics';
		await editor.flush();
		expect(editor.save.kind).toBe('saved');
		const stored = await getSet(await db(), 'cells');
		expect(stored?.set).toMatchObject({
			description: 'Basics',
			questions: [
				{
					id: 'q-1',
					type: 'mcq',
					prompt: 'Powerhouse of the cell?',
					options: ['Mitochondria', 'Nucleus'],
					answer: 0
				}
			]
		});
		expect(await getDraft(await db(), 'cells')).toBeUndefined();
	});

	it('an invalid state is autosaved as a draft (debounced), restored on reload, and the last valid set kept', async () => {
		const { deps, db } = setup();
		deps.debounceMs = 40;
		await putSet(await db(), EMPTY, 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		const q = editor.add('mcq');
		q.prompt = 'Half-finished';
		q.options[0] = 'One';
		editor.changed();
		expect(await getDraft(await db(), 'cells')).toBeUndefined(); // not before the pause
		await new Promise((r) => setTimeout(r, 120)); // the pause passes: saved without a flush
		expect(editor.save).toMatchObject({ kind: 'draft', problems: 1 });
		expect(editor.problems.questions.get(q.key)).toEqual([
			{ path: 'options[1]', text: 'Option 2: empty option' }
		]);
		const draft = await getDraft(await db(), 'cells');
		expect(draft?.value).toMatchObject({ questions: [{ prompt: 'Half-finished' }] });
		expect((await getSet(await db(), 'cells'))?.set.questions).toEqual([]);

		const again = new SetEditor('cells', deps);
		await again.load();
		expect(again.set.questions).toHaveLength(1);
		expect(again.set.questions[0]).toMatchObject({
			prompt: 'Half-finished',
			options: ['One', ''],
			type: 'mcq'
		});
		expect(again.save).toMatchObject({ kind: 'draft', problems: 1 });

		// Fixing it makes the whole valid: saved as the set, draft gone.
		again.set.questions[0]!.options[1] = 'Two';
		await again.flush();
		expect(again.save.kind).toBe('saved');
		expect(await getDraft(await db(), 'cells')).toBeUndefined();
		expect((await getSet(await db(), 'cells'))?.set.questions[0]).toMatchObject({
			options: ['One', 'Two']
		});
	});

	it('an edit stashed as the page closes (before its save) is saved on the next load', async () => {
		const { deps, db } = setup();
		await putSet(await db(), EMPTY, 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		editor.set.title = 'Cells, renamed';
		editor.stashUnsaved(); // pagehide: the IndexedDB write it starts may be cut off
		expect((await getSet(await db(), 'cells'))?.set.title).toBe('Cells');

		const next = new SetEditor('cells', deps);
		await next.load();
		expect(next.set.title).toBe('Cells, renamed');
		expect((await getSet(await db(), 'cells'))?.set.title).toBe('Cells, renamed');
		expect(deps.stash.get('cells')).toBeNull();

		// A stash older than what is stored is dropped, not applied.
		deps.stash.set('cells', JSON.stringify({ at: 1, value: { ...next.set, title: 'Stale' } }));
		const third = new SetEditor('cells', deps);
		await third.load();
		expect(third.set.title).toBe('Cells, renamed');
		expect(deps.stash.get('cells')).toBeNull();
	});

	it('reorders with move, deletes with undo', async () => {
		const { deps, db } = setup();
		await putSet(await db(), EMPTY, 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		for (const prompt of ['A', 'B', 'C']) {
			const q = editor.add('flashcard');
			q.prompt = prompt;
			q.back = `${prompt} back`;
		}
		editor.move(2, -1);
		editor.move(0, -1); // no-op at the top
		expect(editor.set.questions.map((q) => q.prompt)).toEqual(['A', 'C', 'B']);
		editor.remove(1);
		expect(editor.set.questions.map((q) => q.prompt)).toEqual(['A', 'B']);
		await editor.flush();
		expect((await getSet(await db(), 'cells'))?.set.questions.map((q) => q.prompt)).toEqual([
			'A',
			'B'
		]);
		editor.undoRemove();
		expect(editor.removed).toBeNull();
		await editor.flush();
		expect((await getSet(await db(), 'cells'))?.set.questions.map((q) => q.prompt)).toEqual([
			'A',
			'C',
			'B'
		]);
	});

	it('shows a bundled set read-only and says when a set is missing', async () => {
		const { deps } = setup({ ...EMPTY, id: 'bundled' });
		const ro = new SetEditor('bundled', deps);
		await ro.load();
		expect(ro.status).toBe('readonly');
		expect(ro.bundledSet?.id).toBe('bundled');
		ro.set.title = 'changed';
		await ro.flush();
		expect(ro.save.kind).toBe('idle');
		const none = new SetEditor('nope', deps);
		await none.load();
		expect(none.status).toBe('missing');
	});

	it('accepting an article draft sets the source text so its quote validates', async () => {
		const { deps, db } = setup();
		await putSet(await db(), EMPTY, 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		const article = 'Cells were named by Robert Hooke in 1665.\n\nThey divide.';
		editor.acceptDraft(
			{
				id: 'd1',
				type: 'numeric',
				prompt: 'Cells were named by Robert Hooke in what year?',
				answer: 1665,
				tolerance: 0,
				source: { quote: 'Cells were named by Robert Hooke in 1665.' }
			},
			article
		);
		expect(editor.set.sourceText).toBe(article);
		expect(editor.problems.total).toBe(0);
		await editor.flush();
		const stored = await getSet(await db(), 'cells');
		expect(stored?.set.sourceText).toBe(article);
		expect(stored?.set.questions[0]).toMatchObject({ id: 'q-1', answer: 1665 });
	});
});

describe('SetEditor on a large set', () => {
	const big = (n: number): QuestionSet => ({
		...EMPTY,
		questions: Array.from({ length: n }, (_, i) => ({
			id: `f${i}`,
			type: 'flashcard' as const,
			prompt: `Front ${i}`,
			back: `Back ${i}`
		}))
	});

	it('saves a slice of questions per task, and never a mix of two orders', async () => {
		const { deps, db } = setup();
		const n = SAVE_SLICE * 2 + 7;
		await putSet(await db(), big(n), 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		editor.set.questions[0]!.prompt = 'Front 0, edited';
		editor.changed();
		const saving = editor.flush();
		// Let the save read its first slice, then delete the first question and edit the
		// last, as a person still typing would.
		await new Promise((r) => setTimeout(r, 0));
		editor.remove(0);
		editor.set.questions.at(-1)!.prompt = 'Front last, edited';
		editor.changed();
		await saving;
		const ids = (await getSet(await db(), 'cells'))!.set.questions.map((q) => q.id);
		// Started again on the new order: no question twice, none missing.
		expect(ids).toEqual(Array.from({ length: n - 1 }, (_, i) => `f${i + 1}`));
		await editor.flush();
		const stored = (await getSet(await db(), 'cells'))!.set;
		expect(stored.questions.at(-1)?.prompt).toBe('Front last, edited');
	});

	it('a hidden page saves without waiting between slices (its timers are throttled)', async () => {
		const g = globalThis as unknown as { document?: unknown };
		const saved = g.document;
		const { deps, db } = setup();
		await putSet(await db(), big(SAVE_SLICE * 3), 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		vi.useFakeTimers({ toFake: ['setTimeout'] });
		try {
			g.document = { visibilityState: 'hidden' };
			editor.set.title = 'Hidden';
			editor.changed();
			await editor.flush(); // would never end if it waited for a timer
			expect((await getSet(await db(), 'cells'))?.set.title).toBe('Hidden');

			g.document = { visibilityState: 'visible' };
			editor.set.title = 'Shown';
			editor.changed();
			let done = false;
			const saving = editor.flush().then(() => (done = true));
			await new Promise((r) => setImmediate(r));
			expect(done).toBe(false); // waiting for the page between slices
			await vi.runAllTimersAsync();
			await saving;
			expect((await getSet(await db(), 'cells'))?.set.title).toBe('Shown');
		} finally {
			vi.useRealTimers();
			g.document = saved;
		}
	});

	it('lists questions a page at a time and shows the page of what was added, moved or restored', async () => {
		const { deps, db } = setup();
		await putSet(await db(), big(120), 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		expect(editor.pageCount).toBe(Math.ceil(120 / QUESTIONS_PER_PAGE));
		expect(editor.pageQuestions.map((q) => q.id)).toEqual(
			Array.from({ length: QUESTIONS_PER_PAGE }, (_, i) => `f${i}`)
		);
		editor.listPage = 1;
		expect(editor.pageStart).toBe(QUESTIONS_PER_PAGE);
		expect(editor.pageQuestions[0]?.id).toBe(`f${QUESTIONS_PER_PAGE}`);
		editor.listPage = 99; // kept in range
		expect(editor.listPage).toBe(editor.pageCount - 1);

		editor.listPage = 0;
		const added = editor.add('flashcard');
		expect(editor.listPage).toBe(editor.pageCount - 1);
		expect(editor.pageQuestions.at(-1)?.key).toBe(added.key);

		// Moving the last question of a page down follows it to the next page.
		editor.listPage = 0;
		const last = editor.set.questions[QUESTIONS_PER_PAGE - 1]!;
		editor.move(QUESTIONS_PER_PAGE - 1, 1);
		expect(editor.listPage).toBe(1);
		expect(editor.pageQuestions[0]?.key).toBe(last.key);

		editor.remove(QUESTIONS_PER_PAGE);
		editor.listPage = 0;
		editor.undoRemove();
		expect(editor.listPage).toBe(1);
		expect(editor.pageQuestions[0]?.key).toBe(last.key);

		// Deleting questions never leaves the list on a page past the end.
		editor.listPage = editor.pageCount - 1;
		while (editor.set.questions.length > 10) editor.remove(editor.set.questions.length - 1);
		expect(editor.pageCount).toBe(1);
		expect(editor.listPage).toBe(0);
		expect(editor.pageQuestions).toHaveLength(10);
	});

	it('offers the set as last saved for export: at once when loaded, and after each valid save', async () => {
		const { deps, db } = setup();
		await putSet(await db(), big(60), 'authored', T0);
		const editor = new SetEditor('cells', deps);
		await editor.load();
		expect(editor.problems.total).toBe(0);
		expect(editor.lastValid?.questions).toHaveLength(60);
		editor.set.title = 'Cells, revised';
		await editor.flush();
		expect(editor.lastValid?.title).toBe('Cells, revised');
		// An invalid edit keeps the last valid version (what students see).
		editor.set.questions[0]!.prompt = '';
		expect(editor.problems.total).toBe(1);
		await editor.flush();
		expect(editor.save.kind).toBe('draft');
		expect(editor.lastValid?.title).toBe('Cells, revised');
		expect(editor.lastValid?.questions[0]?.prompt).toBe('Front 0');
	});
});

describe('SetEditor leaving the page', () => {
	it('pagehide keeps an edit made since the last save, and does no work when there is none', async () => {
		const g = globalThis as unknown as { window?: EventTarget; document?: EventTarget };
		const saved = { window: g.window, document: g.document };
		g.window = new EventTarget();
		g.document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
		try {
			const { deps, db } = setup();
			await putSet(await db(), EMPTY, 'authored', T0);
			const editor = new SetEditor('cells', deps);
			await editor.start();
			const before = editor.save;
			g.window.dispatchEvent(new Event('pagehide'));
			await editor.flush();
			expect(deps.stash.get('cells')).toBeNull();
			expect(editor.save).toBe(before); // nothing was written

			editor.set.title = 'Cells, renamed';
			editor.changed(); // as every input event on the page does
			g.window.dispatchEvent(new Event('pagehide'));
			expect(JSON.parse(deps.stash.get('cells') ?? '{}').value?.title).toBe('Cells, renamed');
			await editor.flush();
			expect((await getSet(await db(), 'cells'))?.set.title).toBe('Cells, renamed');

			// Saved: the next pagehide has nothing to keep.
			deps.stash.remove('cells');
			g.window.dispatchEvent(new Event('pagehide'));
			expect(deps.stash.get('cells')).toBeNull();
			editor.destroy();
		} finally {
			g.window = saved.window;
			g.document = saved.document;
		}
	});
});
