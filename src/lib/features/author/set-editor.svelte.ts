// The set editor's state: the set being edited (in the editor's own shape, see
// editable.ts), its problems from the one schema, and autosave. Every change is saved
// ~300 ms later and on pagehide/visibilitychange: a valid whole goes to `sets` (so it can
// be studied) and clears the draft; anything else is kept as a draft, so no edit is lost.
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import { parseSet } from '$lib/core/bank/validate';
import { findQuote, paragraphs } from '$lib/core/bank/text';
import type { Question, QuestionSet, QuestionType } from '$lib/core/bank/schema';
import { getSet } from '$lib/platform/storage';
import { getDraft, putDraft, saveSetClearingDraft } from '$lib/platform/storage/drafts';
import {
	blankQuestion,
	fromQuestion,
	fromSet,
	readDraft,
	setInput,
	type EditableQuestion,
	type EditableSet
} from '$lib/core/authoring/editable';
import { EditorValidator, type EditorProblems } from '$lib/core/authoring/validation';
import { uniqueId } from '$lib/core/authoring/ids';
import { localStash, memoryStash, type EditorStash } from './stash';

export { memoryStash, type EditorStash } from './stash';

/** Questions listed at once: a 5,000-question set opens and types as fast as a small one
 * (ARCHITECTURE.md "Performance budgets"); the rest are a page away. */
export const QUESTIONS_PER_PAGE = 50;

export type EditorStatus = 'loading' | 'ready' | 'readonly' | 'missing' | 'error';

export type SaveState =
	| { kind: 'idle' }
	| { kind: 'saving' }
	| { kind: 'saved'; at: number }
	| { kind: 'draft'; problems: number; at: number }
	| { kind: 'error'; message: string };

/** AppDeps plus the editor's own seams: where edits wait across a reload, and the autosave delay. */
export interface EditorDeps extends Deps {
	stash?: EditorStash;
	debounceMs?: number;
}

/** Questions turned into text per task while saving: reading 5,000 questions of deep state
 * at once was a 160 ms task (issue 15); 250 take a few ms, so typing never waits on a save. */
export const SAVE_SLICE = 250;

/** The set as JSON without its questions, open for them to follow. */
function headJson(set: EditableSet): string {
	const head = Object.fromEntries(Object.entries(set).filter(([k]) => k !== 'questions'));
	return JSON.stringify(head).slice(0, -1);
}

function joinJson(head: string, questions: readonly string[]): string {
	return `${head}${head.length > 1 ? ',' : ''}"questions":[${questions.join(',')}]}`;
}

/** The set as the editor saves and compares it: the same text for the same set, whether
 * made at once (a plain set) or a slice of questions at a time (`SetEditor.#json`). */
function setJson(set: EditableSet): string {
	return joinJson(
		headJson(set),
		set.questions.map((q) => JSON.stringify(q))
	);
}

/** Lets the page handle input between slices. A hidden page has no one typing, and its
 * timers are throttled (to once a minute, in time), so there the save goes straight on. */
const nextTask = (): Promise<void> =>
	typeof document !== 'undefined' && document.visibilityState === 'hidden'
		? Promise.resolve()
		: new Promise((resolve) => setTimeout(resolve, 0));

const EMPTY: EditableSet = {
	id: '',
	version: 1,
	title: '',
	description: '',
	language: 'en',
	sourceTitle: '',
	sourcePublisher: '',
	sourceUrl: '',
	sourceDate: '',
	sourceText: '',
	questions: []
};

export class SetEditor {
	readonly id: string;
	#deps: AppDeps;
	#stash: EditorStash;
	#debounceMs: number;
	#validator = new EditorValidator();
	#status = $state<EditorStatus>('loading');
	#error = $state('');
	#origin: 'authored' | 'imported' = 'authored';
	#timer: ReturnType<typeof setTimeout> | undefined;
	#lastSaved = '';
	/** changed() was called since the last completed save: leaving the page serialises the
	 * set (a noticeable moment at 5,000 questions) only then, so leaving untouched is free. */
	get #dirty(): boolean {
		return this.#changes !== this.#savedChanges;
	}
	#changes = 0;
	#savedChanges = 0;
	#chain: Promise<void> = Promise.resolve();

	/** The set being edited; components bind to its fields. */
	set = $state<EditableSet>(structuredClone(EMPTY));
	/** The bundled set, when this id is one (read-only). */
	bundledSet = $state.raw<QuestionSet | undefined>();
	save = $state<SaveState>({ kind: 'idle' });
	/** Key of the question open for editing, if any. */
	openKey = $state<string | null>(null);
	/** The last deleted question, until undone or another is deleted. */
	removed = $state<{ question: EditableQuestion; index: number } | null>(null);
	#listPage = $state(0);
	/** The set as last loaded or saved valid (what `sets` holds and students see). */
	#lastValid = $state.raw<QuestionSet | undefined>();

	readonly problems: EditorProblems = $derived(this.#validator.check(this.set));

	constructor(id: string, deps: EditorDeps = {}) {
		this.id = id;
		this.#deps = appDeps(deps);
		this.#stash = deps.stash ?? (typeof localStorage === 'undefined' ? memoryStash() : localStash);
		this.#debounceMs = deps.debounceMs ?? 300;
	}

	get status(): EditorStatus {
		return this.#status;
	}

	get error(): string {
		return this.#error;
	}

	get origin(): 'authored' | 'imported' {
		return this.#origin;
	}

	/** How many pages the question list has (at least one). */
	get pageCount(): number {
		return Math.max(1, Math.ceil(this.set.questions.length / QUESTIONS_PER_PAGE));
	}

	/** The page of the question list shown, from 0 (kept in range as questions go). */
	get listPage(): number {
		return Math.min(this.#listPage, this.pageCount - 1);
	}

	set listPage(page: number) {
		this.#listPage = Math.max(0, Math.min(Math.trunc(page) || 0, this.pageCount - 1));
	}

	/** Index in the set of the first question on the shown page. */
	get pageStart(): number {
		return this.listPage * QUESTIONS_PER_PAGE;
	}

	/** The questions on the shown page, in order. */
	get pageQuestions(): EditableQuestion[] {
		return this.set.questions.slice(this.pageStart, this.pageStart + QUESTIONS_PER_PAGE);
	}

	/** Shows the page holding this question (after adding, moving or undoing). */
	showQuestion(key: string): void {
		const i = this.set.questions.findIndex((q) => q.key === key);
		if (i >= 0) this.listPage = Math.floor(i / QUESTIONS_PER_PAGE);
	}

	/** The set as last saved (or loaded) valid: what Export and Print use. Cheap to read,
	 * unlike `valid`, which validates the whole set again. */
	get lastValid(): QuestionSet | undefined {
		return this.#lastValid;
	}

	/** The set as it validates now, or undefined while it has problems. */
	get valid(): QuestionSet | undefined {
		if (this.problems.total) return undefined;
		const r = parseSet(setInput(this.set));
		return r.ok ? r.value : undefined;
	}

	async load(): Promise<void> {
		this.#status = 'loading';
		try {
			const db = await this.#deps.open();
			const [draft, stored] = await Promise.all([getDraft(db, this.id), getSet(db, this.id)]);
			const fromDraft =
				draft && (!stored || draft.updatedAt >= stored.updatedAt)
					? readDraft(draft.value)
					: undefined;
			const stashed = this.#readStash();
			const newest = Math.max(draft?.updatedAt ?? 0, stored?.updatedAt ?? 0);
			if (stashed && (draft || stored) && stashed.at > newest) {
				// The page closed before its last save finished: save that edit now.
				this.#use(stashed.value, draft?.origin ?? stored?.origin ?? 'authored');
				this.#lastSaved = '';
				await this.flush();
			} else if (draft && fromDraft) {
				if (stashed) this.#stash.remove(this.id);
				this.#use(fromDraft, draft.origin);
				this.save = { kind: 'draft', problems: this.problems.total, at: draft.updatedAt };
			} else if (stored) {
				if (stashed) this.#stash.remove(this.id);
				const editable = fromSet(stored.set);
				// A stored set was validated whole when it was saved or imported: its questions
				// need no second check on opening (read before it becomes deep state: cheaper).
				this.#validator.trust(editable);
				this.#use(editable, stored.origin);
				this.#lastValid = stored.set;
				this.save = { kind: 'saved', at: stored.updatedAt };
			} else {
				const bundled = await this.#deps.catalog.bundledSet(this.id);
				this.bundledSet = bundled;
				this.#status = bundled ? 'readonly' : 'missing';
			}
		} catch (e) {
			this.#error = this.#deps.showError(e);
			this.#status = 'error';
		}
	}

	#readStash(): { at: number; value: EditableSet } | undefined {
		const raw = this.#stash.get(this.id);
		if (!raw) return undefined;
		try {
			const parsed = JSON.parse(raw) as { at?: unknown; value?: unknown };
			const value = readDraft(parsed.value);
			return typeof parsed.at === 'number' && value?.id === this.id
				? { at: parsed.at, value }
				: undefined;
		} catch {
			return undefined;
		}
	}

	/** Leaves an unsaved edit where a closing page can still write synchronously. */
	stashUnsaved(): void {
		// At once: the page is closing, and only a synchronous write is sure to land.
		const json = setJson(this.set);
		if (this.#status !== 'ready' || json === this.#lastSaved) return;
		this.#stash.set(this.id, `{"at":${this.#deps.now()},"value":${json}}`);
	}

	#use(set: EditableSet, origin: 'authored' | 'imported') {
		// Serialised before it becomes deep state, so a large set is not read through proxies.
		this.#lastSaved = setJson(set);
		this.set = set;
		this.#origin = origin;
		this.#status = 'ready';
	}

	/** Call after any change (the page does, for every input): saves after a short pause. */
	changed(): void {
		if (this.#status !== 'ready') return;
		this.#changes++;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), this.#debounceMs);
	}

	/** Saves now (if anything changed); resolves when written. */
	flush(): Promise<void> {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		if (this.#status !== 'ready') return this.#chain;
		this.#chain = this.#chain.then(() => this.#save());
		return this.#chain;
	}

	/**
	 * The set as JSON, a slice of questions per task. A question is read whole within a
	 * task, so each is as it was at some moment; if the list itself changes meanwhile (a
	 * question added, moved or deleted), it starts again, so a save never mixes two orders.
	 * A change meanwhile is saved by the save its changed() call schedules.
	 */
	async #json(): Promise<string> {
		for (;;) {
			const order = () => this.set.questions.map((q) => q.key).join('\n');
			const before = order();
			const questions: string[] = [];
			for (let i = 0; i < this.set.questions.length; i += SAVE_SLICE) {
				for (const q of this.set.questions.slice(i, i + SAVE_SLICE))
					questions.push(JSON.stringify(q));
				await nextTask();
			}
			if (order() === before) return joinJson(headJson(this.set), questions);
		}
	}

	async #save(): Promise<void> {
		const changes = this.#changes;
		const json = await this.#json();
		if (json === this.#lastSaved) {
			this.#savedChanges = changes;
			return;
		}
		const snapshot = JSON.parse(json) as EditableSet;
		const parsed = parseSet(setInput(snapshot));
		this.save = { kind: 'saving' };
		try {
			const db = await this.#deps.open();
			const at = this.#deps.now();
			if (parsed.ok) {
				await saveSetClearingDraft(db, parsed.value, this.#origin, at);
				this.#lastValid = parsed.value;
				this.save = { kind: 'saved', at };
			} else {
				await putDraft(db, {
					setId: this.id,
					updatedAt: at,
					origin: this.#origin,
					value: snapshot
				});
				this.save = {
					kind: 'draft',
					problems: this.problems.total || parsed.problems.length,
					at
				};
			}
			this.#lastSaved = json;
			this.#savedChanges = changes;
			// Saved for real, and nothing changed since it was read: a stash left by an earlier
			// pagehide is no longer needed.
			if (this.#changes === changes) this.#stash.remove(this.id);
		} catch (e) {
			this.save = { kind: 'error', message: this.#deps.showError(e) };
		}
	}

	#stopListening: (() => void) | undefined;

	/** Loads the set and saves on pagehide and when the tab is hidden, until destroy(). */
	start(): Promise<void> {
		this.#stopListening ??= this.listen();
		return this.load();
	}

	/** The page is leaving: stop listening and save what is pending. */
	destroy(): void {
		this.#stopListening?.();
		this.#stopListening = undefined;
	}

	/** Saves on pagehide and when the tab is hidden; returns the function that stops it. */
	listen(): () => void {
		const onHide = () => {
			// Every edit on the page calls changed() (input/change/click, or the editor's own
			// methods), so with none since the last save there is nothing to keep.
			if (!this.#dirty) return;
			this.stashUnsaved();
			void this.flush();
		};
		const onVisibility = () => {
			if (document.visibilityState === 'hidden') onHide();
		};
		window.addEventListener('pagehide', onHide);
		document.addEventListener('visibilitychange', onVisibility);
		return () => {
			window.removeEventListener('pagehide', onHide);
			document.removeEventListener('visibilitychange', onVisibility);
			if (this.#dirty) void this.flush();
		};
	}

	#newQuestionId(): string {
		const taken = this.set.questions.map((q) => q.id);
		return uniqueId(`q-${this.set.questions.length + 1}`, taken);
	}

	/** Adds an empty question of this type at the end and opens it. */
	add(type: QuestionType): EditableQuestion {
		const q = blankQuestion(type, this.#newQuestionId());
		this.set.questions.push(q);
		this.openKey = q.key;
		this.showQuestion(q.key);
		this.changed();
		return q;
	}

	move(index: number, delta: -1 | 1): void {
		const to = index + delta;
		const list = this.set.questions;
		if (index < 0 || to < 0 || index >= list.length || to >= list.length) return;
		const [q] = list.splice(index, 1);
		list.splice(to, 0, q!);
		this.listPage = Math.floor(to / QUESTIONS_PER_PAGE);
		this.changed();
	}

	remove(index: number): void {
		const [q] = this.set.questions.splice(index, 1);
		if (!q) return;
		this.removed = { question: q, index };
		if (this.openKey === q.key) this.openKey = null;
		this.changed();
	}

	undoRemove(): void {
		const r = this.removed;
		if (!r) return;
		const list = this.set.questions;
		list.splice(Math.min(r.index, list.length), 0, r.question);
		this.showQuestion(r.question.key);
		this.removed = null;
		this.changed();
	}

	/**
	 * Adds a question made from an article (drafts.ts). Its quote must be found in the
	 * set's source text, so the article becomes the source text when the set has none, and
	 * is added after it when the quote is not there yet.
	 */
	acceptDraft(question: Question, article: string): EditableQuestion {
		const quote = question.source?.quote;
		const text = this.set.sourceText;
		if (quote && !text.trim()) this.set.sourceText = article.trim();
		else if (quote && findQuote(paragraphs(text), quote) < 0)
			this.set.sourceText = `${text.trimEnd()}\n\n${article.trim()}`;
		const q = fromQuestion({ ...question, id: this.#newQuestionId() });
		this.set.questions.push(q);
		this.showQuestion(q.key);
		this.changed();
		return q;
	}

	dispose(): void {
		void this.flush();
	}
}
