// /class/: which class tool is open (join, run, report, share, or a set link arriving) and
// each tool's state, made when the tool is first opened. Prerendered; the join link
// (?join=CODE), a set link (#set=…) and a class quiz in progress are read in `start`.
import { base } from '$app/paths';
import { appDeps, type AppDeps } from '$lib/platform/deps';
import { ClassQuizSession, type ClassQuizDeps } from './class-quiz.svelte';
import { ClassReportSession } from './class-report.svelte';
import { ClassRunSetup } from './class-run.svelte';
import { SetSharing } from './share-set.svelte';
import { LiveStudent } from './live-student.svelte';
import { LiveTeacher, LIVE_TEACHER_KEY } from './live-teacher.svelte';

/** The teacher had a live session on screen in this tab (a reload brings it back). */
function liveTeacherOpen(): boolean {
	try {
		return typeof sessionStorage !== 'undefined' && !!sessionStorage.getItem(LIVE_TEACHER_KEY);
	} catch {
		return false;
	}
}

export type ClassView =
	| 'loading'
	| 'choice'
	| 'join'
	| 'run'
	| 'report'
	| 'share'
	| 'incoming'
	| 'live-join'
	| 'live-run';

export const CLASS_TITLES: Record<ClassView, string> = {
	loading: 'Class',
	choice: 'Class',
	join: 'Join a class quiz',
	run: 'Run a class quiz',
	report: 'Class report',
	share: 'Share a set',
	incoming: 'Import a set',
	'live-join': 'Join with a PIN',
	'live-run': 'Live session'
};

export class ClassPage {
	readonly #deps: AppDeps;
	view = $state<ClassView>('loading');
	readonly student: ClassQuizSession;
	run = $state.raw<ClassRunSetup | undefined>();
	report = $state.raw<ClassReportSession | undefined>();
	sharing = $state.raw<SetSharing | undefined>();
	liveStudent = $state.raw<LiveStudent | undefined>();
	liveTeacher = $state.raw<LiveTeacher | undefined>();
	livePin = $state('');
	joinCode = $state('');
	reportCode = $state('');

	constructor(deps: ClassQuizDeps = {}) {
		this.#deps = appDeps(deps);
		this.student = new ClassQuizSession(deps);
	}

	get title(): string {
		if (this.view === 'live-join' && this.liveStudent && this.liveStudent.phase !== 'join')
			return 'Live session';
		const quiz = this.student.phase === 'question' || this.student.phase === 'done';
		return this.view === 'join' && quiz ? 'Class quiz' : CLASS_TITLES[this.view];
	}

	/** A quiz is on screen: leaving it is not offered (progress stays in the tab anyway). */
	get inQuiz(): boolean {
		if (this.view === 'live-join') return this.liveStudent?.phase === 'question';
		return this.view === 'join' && this.student.phase === 'question';
	}

	/** Reads the address: a set link, a class quiz in progress, or a join link. */
	async start(url: { search: string; hash: string }): Promise<void> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, never kept
		const query = new URLSearchParams(url.search);
		const join = query.get('join');
		const pin = query.get('pin');
		if (url.hash.includes('set=')) {
			// A teacher's QR for their own set: the set (#set=…) and the quiz (?join=…) in one.
			const share = this.#sharing();
			this.joinCode = join ?? '';
			await share.openLink(url.hash);
			await this.student.restore();
			const incoming = share.incoming;
			if (join && incoming.kind === 'preview' && (await this.#holds(incoming.set))) {
				// Scanned before: the set is here already, in this version. Straight to the quiz.
				share.dismiss();
				this.view = 'join';
				await this.student.join(join);
				return;
			}
			this.view = 'incoming';
			return;
		}
		await this.student.restore();
		// A live session this tab had joined, or a join link / QR with its PIN.
		const live = this.#liveStudent();
		await live.start();
		if (live.phase !== 'join' || pin) {
			this.livePin = (pin ?? '').replace(/\D/g, '').slice(0, 6);
			this.view = 'live-join';
			return;
		}
		if (this.student.phase === 'question' || this.student.phase === 'done') this.view = 'join';
		else if (join) {
			this.view = 'join';
			this.joinCode = join;
			await this.student.join(join);
		} else if (liveTeacherOpen()) this.open('live-run');
		else this.view = 'choice';
	}

	/** A class quiz waits behind the set link being imported (the teacher's one QR). */
	get quizWaiting(): boolean {
		return this.view === 'incoming' && !!this.joinCode;
	}

	/** After a set link's import: the join form, with the quiz that came with it opened. */
	async joinAfterImport(): Promise<void> {
		this.view = 'join';
		if (this.joinCode) await this.student.join(this.joinCode);
	}

	async #holds(set: { id: string; version: number }): Promise<boolean> {
		try {
			return (await this.#deps.catalog.get(set.id))?.version === set.version;
		} catch {
			return false;
		}
	}

	/** Opens a tool, making its state the first time. */
	open(next: ClassView): void {
		if (next === 'run' && !this.run) {
			this.run = new ClassRunSetup(this.#deps);
			void this.run.load();
		}
		if (next === 'report') this.report ??= new ClassReportSession(this.#deps);
		if (next === 'live-join') void this.#liveStudent();
		if (next === 'live-run' && !this.liveTeacher) {
			this.liveTeacher = new LiveTeacher({ ...this.#deps, baseUrl: this.#base() });
			void this.liveTeacher.load();
		}
		if (next === 'share') {
			const share = this.#sharing();
			if (share.phase === 'loading') void share.load();
		}
		this.view = next;
	}

	/** The report for a code just made: a fresh report, with the code filled in. */
	async openReport(code: string): Promise<void> {
		this.report = new ClassReportSession(this.#deps);
		this.reportCode = code;
		this.open('report');
		await this.report.setCode(code);
	}

	destroy(): void {
		this.student.destroy();
		this.liveStudent?.destroy();
		this.liveTeacher?.destroy();
	}

	#liveStudent(): LiveStudent {
		if (!this.liveStudent) {
			this.liveStudent = new LiveStudent(this.#deps);
			if (this.view !== 'loading') void this.liveStudent.start();
		}
		return this.liveStudent;
	}

	/** The app's root as students reach it: origin + base path. */
	#base(): string {
		return typeof location === 'undefined' ? '' : location.origin + base;
	}

	#sharing(): SetSharing {
		return (this.sharing ??= new SetSharing(this.#deps));
	}
}
