// ClassRunSetup: the teacher's side of a class quiz on /class/: pick a set, choose the
// options, and get the code, the join link and its QR code. The seed is drawn here (the
// quiz core is pure); every student's device regenerates the same quiz from the code.
import type { QuestionSet } from '$lib/core/bank/schema';
import type { CatalogEntry } from '$lib/platform/catalog/catalog';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import { generateQuiz } from '$lib/core/quiz/generate';
import { randomSeed } from '$lib/core/quiz/rng';
import type { QuizMode } from '$lib/core/quiz/types';
import { setTags } from '$lib/core/quiz/describe';
import { classQuizUrl, encodeClassQuiz, type ClassQuizSpec } from '$lib/core/classroom/code';
import { encodeSetLink, fitsInQr, qrSvg } from '$lib/core/classroom/share';
import { encodeShortCode, shortCodeProblem } from '$lib/core/classroom/short-code';

/** A QR code as an <img> source: our own SVG, never user markup in the page. */
export function qrDataUrl(text: string): string | undefined {
	const qr = qrSvg(text);
	return qr.ok ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}` : undefined;
}

export interface CreatedCode {
	/** The long code: it names the set, and works whatever the device holds. */
	code: string;
	/** The 12-character code for the board, when the quiz fits one ("7KQ2-MD4P-XW3A"). */
	short?: string;
	/** Why there is no short code. */
	shortProblem?: string;
	/** The code students type: the short one when there is one. */
	shown: string;
	/** The join link; for the teacher's own set it carries the set too (#set=…). */
	url: string;
	qr?: string;
	/** The set rides in the link: one scan imports it and opens the quiz. */
	carriesSet: boolean;
	/** The teacher's own set is too big for one QR code with the quiz: share it first. */
	setTooBig?: boolean;
	spec: ClassQuizSpec;
	title: string;
}

/** Seed length: 4 characters (a million quizzes) fit the short code. */
export const CLASS_SEED_LENGTH = 4;

export class ClassRunSetup {
	readonly #deps: AppDeps;

	phase = $state<'loading' | 'setup' | 'code'>('loading');
	choices = $state.raw<CatalogEntry[]>([]);
	/** Why the list of sets or a set could not be loaded. */
	problem = $state<string | null>(null);
	setId = $state('');
	count = $state(10);
	mode = $state<QuizMode>('exam');
	/** Exam only; null for no limit. */
	timeLimitMinutes = $state<number | null>(null);
	tags = $state<string[]>([]);
	shufflePerStudent = $state(true);
	created = $state.raw<CreatedCode | null>(null);

	#set = $state.raw<QuestionSet | null>(null);
	#seed: string;

	constructor(deps: Deps = {}) {
		this.#deps = appDeps(deps);
		this.#seed = randomSeed(this.#deps.entropy(), CLASS_SEED_LENGTH);
	}

	get set(): QuestionSet | null {
		return this.#set;
	}

	/** Tags of the chosen set, for the topic checkboxes. */
	readonly #tagsOfSet = $derived.by(() => (this.#set ? setTags(this.#set) : []));
	get setTags(): readonly string[] {
		return this.#tagsOfSet;
	}

	/** How many questions the chosen topics leave. */
	readonly #available = $derived.by(() =>
		this.#set
			? generateQuiz([this.#set], {
					count: 0,
					mode: this.mode,
					seed: 'X',
					...(this.tags.length ? { tags: [...this.tags] } : {})
				}).available
			: 0
	);
	get available(): number {
		return this.#available;
	}

	async load(): Promise<void> {
		try {
			this.choices = await this.#deps.catalog.list();
			if (!this.choices.length) this.problem = 'There are no sets on this device yet.';
			const first = this.choices[0];
			if (first) await this.choose(first.id);
		} catch (e) {
			this.problem = 'The list of sets could not be read.';
			this.#deps.showError(e);
		}
		this.phase = 'setup';
	}

	async choose(id: string): Promise<void> {
		const choice = this.choices.find((c) => c.id === id);
		this.setId = id;
		this.tags = [];
		this.#set = null;
		if (!choice) return;
		try {
			const set = await this.#deps.catalog.get(choice.id);
			if (this.setId !== id) return;
			this.#set = set ?? null;
			this.problem = set ? null : `The set “${choice.title}” could not be loaded.`;
			if (set) this.count = Math.min(Math.max(1, this.count), set.questions.length);
		} catch {
			this.problem = `The set “${choice.title}” could not be loaded. Check the connection and try again.`;
		}
	}

	toggleTag(tag: string): void {
		this.tags = this.tags.includes(tag) ? this.tags.filter((t) => t !== tag) : [...this.tags, tag];
	}

	/**
	 * Makes the code, its join link and its QR code. `baseUrl` is the app's root as the
	 * students reach it (origin + base path), e.g. `http://192.168.1.20:4173`.
	 */
	create(baseUrl: string): CreatedCode | undefined {
		const set = this.#set;
		if (!set) return undefined;
		this.problem = null;
		if (this.available === 0) {
			this.problem = 'No questions match these topics. Tick more topics.';
			return undefined;
		}
		const count = Math.min(Math.max(1, Math.floor(this.count) || 1), this.available);
		const minutes =
			this.mode === 'exam' && this.timeLimitMinutes && this.timeLimitMinutes > 0
				? Math.min(Math.floor(this.timeLimitMinutes), 24 * 60)
				: undefined;
		const spec: ClassQuizSpec = {
			setId: set.id,
			setVersion: set.version,
			seed: this.#seed,
			shufflePerStudent: this.shufflePerStudent,
			options: {
				count,
				mode: this.mode,
				...(this.tags.length ? { tags: [...this.tags] } : {}),
				...(minutes ? { timeLimitMinutes: minutes } : {})
			}
		};
		const code = encodeClassQuiz(spec);
		const shortProblem = shortCodeProblem(spec);
		const short = shortProblem ? undefined : encodeShortCode(spec, set);
		const shown = short ?? code;
		const join = classQuizUrl(shown, baseUrl);
		// A set that did not come with the app must reach the students too: in the same link.
		const own = this.choices.find((c) => c.id === set.id)?.origin !== 'bundled';
		const withSet = own ? encodeSetLink(set, join) : undefined;
		const carriesSet = !!withSet?.ok && fitsInQr(withSet.url);
		const url = carriesSet && withSet?.ok ? withSet.url : join;
		const qr = qrDataUrl(url);
		this.created = {
			code,
			shown,
			url,
			spec,
			title: set.title,
			carriesSet,
			...(shortProblem ? { shortProblem } : short ? { short } : {}),
			...(own && !carriesSet ? { setTooBig: true } : {}),
			...(qr ? { qr } : {})
		};
		this.phase = 'code';
		return this.created;
	}

	/** Back to the options; the next code gets a fresh seed (a new quiz). */
	edit(): void {
		this.#seed = randomSeed(this.#deps.entropy(), CLASS_SEED_LENGTH);
		this.phase = 'setup';
	}
}
