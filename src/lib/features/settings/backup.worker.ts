// The backup Worker (./backup-jobs.ts): reads, checks, restores and exports backups off the
// page's thread. It opens its own connection to the app's database; a restore is one
// transaction, so ending this Worker part-way (Cancel, a closed tab) leaves the old data.
// Check database runs here too (its own Worker instance), one transaction as well.
/// <reference lib="webworker" />
import {
	BackupError,
	backupCounts,
	exportBackupBlob,
	importBackup,
	parseBackup,
	planRestore,
	type BackupProgress,
	type RestorePlan
} from '$lib/platform/storage';
import { openDb } from '$lib/platform/storage/db';
import { FileTooLargeError, readBackupFile } from '$lib/platform/files';
import type { CheckProgress } from '$lib/platform/storage';
import { NO_BUNDLED, runCheck, type BundledQuestionIds } from './check-run';

export type BackupRequest = { dbName?: string } & (
	| { type: 'check'; file: Blob & { name: string } }
	| { type: 'restore' }
	| { type: 'export' }
	/** Check database; the question ids it judges by follow as 'check-known'. */
	| { type: 'check-db' }
	| { type: 'check-known'; known: BundledQuestionIds }
);

export type BackupReply =
	| { type: 'progress'; progress: BackupProgress }
	| { type: 'check-progress'; progress: CheckProgress }
	| { type: 'done'; value: unknown }
	| { type: 'error'; kind: 'backup'; problems: string[] }
	| { type: 'error'; kind: 'too-large'; size: number }
	| { type: 'error'; kind: 'other'; name: string; message: string };

const post = (reply: BackupReply) => postMessage(reply);
const progress = (p: BackupProgress) => post({ type: 'progress', progress: p });
/** The checked file, with what its restore will write worked out (storage/backup.ts). */
let pending: RestorePlan | undefined;
/** The running check's question ids, which follow its request ('check-known'). */
let known: Promise<BundledQuestionIds> = Promise.resolve(NO_BUNDLED);
let knownArrived: (known: BundledQuestionIds) => void = () => {};

async function handle(request: BackupRequest): Promise<unknown> {
	if (request.type === 'check') {
		pending = undefined;
		pending = planRestore(parseBackup(await readBackupFile(request.file), progress));
		return backupCounts(pending.backup);
	}
	const db = await openDb(request.dbName ? { name: request.dbName } : {});
	try {
		if (request.type === 'check-db')
			return await runCheck(db, known, {
				onProgress: (p) => post({ type: 'check-progress', progress: p })
			});
		if (request.type === 'export') return await exportBackupBlob(db);
		if (!pending) throw new Error('no backup file was checked');
		const counts = await importBackup(db, pending, { onProgress: progress });
		pending = undefined;
		return counts;
	} finally {
		db.close();
	}
}

onmessage = async (event: MessageEvent<BackupRequest>) => {
	if (event.data.type === 'check-known') {
		knownArrived(event.data.known);
		return;
	}
	// Before any await, so the ids that follow (the next message) find it.
	if (event.data.type === 'check-db') known = new Promise((resolve) => (knownArrived = resolve));
	try {
		post({ type: 'done', value: await handle(event.data) });
	} catch (e) {
		if (e instanceof BackupError) post({ type: 'error', kind: 'backup', problems: e.problems });
		else if (e instanceof FileTooLargeError)
			post({ type: 'error', kind: 'too-large', size: e.size });
		else
			post({
				type: 'error',
				kind: 'other',
				// The name (QuotaExceededError…) is what the page words for a person.
				name: e instanceof Error ? e.name : 'Error',
				message: e instanceof Error ? e.message : String(e)
			});
	}
};
