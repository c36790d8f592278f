// The long backup jobs (ARCHITECTURE.md "Performance budgets"): reading and checking a
// backup file, restoring it, and exporting. In the browser they run in a Worker
// (./backup.worker.ts), so a phone's page never freezes, even at 100,000 cards; a cancel
// ends the Worker, whose unfinished transaction the browser then rolls back. Tests and
// browsers without module Workers run the same storage functions on the page. Check
// database runs the same way, in a Worker of its own so its Cancel never drops a backup
// file waiting to be restored; a cancelled check repairs nothing (one transaction).
import {
	BackupCancelledError,
	BackupError,
	backupCounts,
	exportBackup,
	importBackup,
	parseBackup,
	CheckCancelledError,
	type Backup,
	type BackupCounts,
	type CheckProgress,
	type CheckReport,
	type Db,
	type OnBackupProgress
} from '$lib/platform/storage';
import { FileTooLargeError, readBackupFile, type TextFile } from '$lib/platform/files';
import type { BackupReply, BackupRequest } from './backup.worker';
import { NO_BUNDLED, runCheck, type BundledQuestionIds } from './check-run';

export interface BackupJobs {
	/** Reads and checks a backup file (nothing written) and keeps it for restore(). */
	check(file: TextFile, onProgress?: OnBackupProgress): Promise<BackupCounts>;
	/** Replaces everything with the file check() read, or changes nothing. */
	restore(onProgress?: OnBackupProgress): Promise<BackupCounts>;
	/** The whole database as a backup file's text. */
	exportText(): Promise<string | Blob>;
	/** Stops a check or restore: it rejects with BackupCancelledError, nothing written. */
	cancel(): void;
	/** Forgets the file check() read. */
	discard(): void;
	/** Check database: finds and repairs damage, all repairs or none. `known` (for the
	 * report's unknown questions) may load while the check runs. */
	checkDatabase(
		known: Promise<BundledQuestionIds>,
		onProgress?: (p: CheckProgress) => void
	): Promise<CheckReport>;
	/** Stops a running check: it rejects with CheckCancelledError, nothing repaired. */
	cancelCheck(): void;
}

/** The jobs on the page's own thread: unit tests, and browsers without module Workers. */
export function inPageBackupJobs(open: () => Promise<Db>): BackupJobs {
	let pending: Backup | undefined;
	let controller: AbortController | undefined;
	let checking: AbortController | undefined;
	return {
		async check(file, onProgress) {
			pending = undefined;
			controller = new AbortController();
			const backup = parseBackup(await readBackupFile(file), onProgress);
			if (controller.signal.aborted) throw new BackupCancelledError();
			pending = backup;
			return backupCounts(backup);
		},
		async restore(onProgress) {
			if (!pending) throw new Error('Choose a backup file first.');
			controller = new AbortController();
			const counts = await importBackup(await open(), pending, {
				onProgress,
				signal: controller.signal
			});
			pending = undefined;
			return counts;
		},
		async exportText() {
			return exportBackup(await open());
		},
		cancel() {
			controller?.abort();
		},
		discard() {
			pending = undefined;
		},
		async checkDatabase(known, onProgress) {
			checking = new AbortController();
			return runCheck(await open(), known, { onProgress, signal: checking.signal });
		},
		cancelCheck() {
			checking?.abort();
		}
	};
}

/** Rebuilds the error a Worker reported, so the page words it as it would its own. */
function errorFrom(reply: Extract<BackupReply, { type: 'error' }>): Error {
	if (reply.kind === 'backup') return new BackupError(reply.problems);
	if (reply.kind === 'too-large') return new FileTooLargeError(reply.size);
	return Object.assign(new Error(reply.message), { name: reply.name });
}

/** One Worker at a time for a kind of job; stop() ends it, and its transaction with it. */
function workerSlot(dbName: string | undefined, name: string) {
	let worker: Worker | undefined;
	let fail: ((e: Error) => void) | undefined;
	const stop = () => {
		worker?.terminate();
		worker = undefined;
	};
	const run = <T>(
		request: BackupRequest,
		fresh: boolean,
		onProgress?: (reply: Extract<BackupReply, { progress: unknown }>) => void
	): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			if (fresh) stop();
			if (!worker)
				worker = new Worker(new URL('./backup.worker.ts', import.meta.url), {
					type: 'module',
					name
				});
			fail = reject;
			worker.onmessage = (event: MessageEvent<BackupReply>) => {
				const reply = event.data;
				if (reply.type === 'progress' || reply.type === 'check-progress') onProgress?.(reply);
				else if (reply.type === 'error') reject(errorFrom(reply));
				else resolve(reply.value as T);
			};
			worker.onerror = (event) => {
				stop();
				reject(new Error(event.message || 'the backup helper could not start (are you offline?)'));
			};
			worker.postMessage({ ...request, dbName });
		});
	return {
		run,
		stop,
		/** Sends further messages to the job running now; once it has ended (cancelled, or
		 * followed by another), they are dropped. */
		poster() {
			const job = worker;
			return (message: BackupRequest) => {
				if (job && job === worker) job.postMessage(message);
			};
		},
		get alive() {
			return worker !== undefined;
		},
		/** Ends the Worker and rejects the job it was running with `error`. */
		cancel(error: Error) {
			stop();
			fail?.(error);
		}
	};
}

/** The jobs in Workers; the backup one lives from check() to restore() (it holds the file). */
export function workerBackupJobs(dbName?: string): BackupJobs {
	const backup = workerSlot(dbName, 'backup');
	const checker = workerSlot(dbName, 'check');
	const backupProgress =
		(onProgress?: OnBackupProgress) => (reply: Extract<BackupReply, { progress: unknown }>) => {
			if (reply.type === 'progress') onProgress?.(reply.progress);
		};

	return {
		check: (file, onProgress) =>
			backup.run<BackupCounts>(
				{ type: 'check', file: file as Blob & TextFile },
				true,
				backupProgress(onProgress)
			),
		async restore(onProgress) {
			if (!backup.alive) throw new Error('Choose a backup file first.');
			try {
				return await backup.run<BackupCounts>(
					{ type: 'restore' },
					false,
					backupProgress(onProgress)
				);
			} finally {
				backup.stop();
			}
		},
		async exportText() {
			try {
				return await backup.run<Blob>({ type: 'export' }, true);
			} finally {
				backup.stop();
			}
		},
		cancel: () => backup.cancel(new BackupCancelledError()),
		discard: backup.stop,
		async checkDatabase(known, onProgress) {
			try {
				const report = checker.run<CheckReport>({ type: 'check-db' }, true, (reply) => {
					if (reply.type === 'check-progress') onProgress?.(reply.progress);
				});
				const post = checker.poster();
				// The bundled sets load on the page while the Worker checks; when they cannot be,
				// they are not judged, as when offline.
				void known
					.catch(() => NO_BUNDLED)
					.then((list) => post({ type: 'check-known', known: list }));
				return await report;
			} finally {
				checker.stop();
			}
		},
		cancelCheck: () => checker.cancel(new CheckCancelledError())
	};
}
