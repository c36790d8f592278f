// The long backup jobs (ARCHITECTURE.md "Performance budgets"): reading and checking a
// backup file, restoring it, and exporting. In the browser they run in a Worker
// (./backup.worker.ts), so a phone's page never freezes, even at 100,000 cards; a cancel
// ends the Worker, whose unfinished transaction the browser then rolls back. Tests and
// browsers without module Workers run the same storage functions on the page.
import {
	BackupCancelledError,
	BackupError,
	backupCounts,
	exportBackup,
	importBackup,
	parseBackup,
	type Backup,
	type BackupCounts,
	type Db,
	type OnBackupProgress
} from '$lib/platform/storage';
import { FileTooLargeError, readBackupFile, type TextFile } from '$lib/platform/files';
import type { BackupReply, BackupRequest } from './backup.worker';

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
}

/** The jobs on the page's own thread: unit tests, and browsers without module Workers. */
export function inPageBackupJobs(open: () => Promise<Db>): BackupJobs {
	let pending: Backup | undefined;
	let controller: AbortController | undefined;
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
		}
	};
}

/** Rebuilds the error a Worker reported, so the page words it as it would its own. */
function errorFrom(reply: Extract<BackupReply, { type: 'error' }>): Error {
	if (reply.kind === 'backup') return new BackupError(reply.problems);
	if (reply.kind === 'too-large') return new FileTooLargeError(reply.size);
	return Object.assign(new Error(reply.message), { name: reply.name });
}

/** The jobs in a Worker; one Worker lives from check() to restore() (it holds the file). */
export function workerBackupJobs(dbName?: string): BackupJobs {
	let worker: Worker | undefined;
	let fail: ((e: Error) => void) | undefined;

	const stop = () => {
		worker?.terminate();
		worker = undefined;
	};
	const run = <T>(
		request: BackupRequest,
		fresh: boolean,
		onProgress?: OnBackupProgress
	): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			if (fresh) stop();
			if (!worker)
				worker = new Worker(new URL('./backup.worker.ts', import.meta.url), {
					type: 'module',
					name: 'backup'
				});
			fail = reject;
			worker.onmessage = (event: MessageEvent<BackupReply>) => {
				const reply = event.data;
				if (reply.type === 'progress') onProgress?.(reply.progress);
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
		check: (file, onProgress) =>
			run<BackupCounts>({ type: 'check', file: file as Blob & TextFile }, true, onProgress),
		async restore(onProgress) {
			if (!worker) throw new Error('Choose a backup file first.');
			try {
				return await run<BackupCounts>({ type: 'restore' }, false, onProgress);
			} finally {
				stop();
			}
		},
		async exportText() {
			try {
				return await run<Blob>({ type: 'export' }, true);
			} finally {
				stop();
			}
		},
		cancel() {
			stop();
			fail?.(new BackupCancelledError());
		},
		discard: stop
	};
}
