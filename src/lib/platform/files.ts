// Files in the browser: downloads, the backup file name, and a size check before reading.
import { BACKUP_MAX_BYTES } from '$lib/platform/storage';
import { megabytes } from '$lib/core/text/format';

/** `studydeck-backup-YYYY-MM-DD.json`, in the user's local date. */
export function backupFileName(now: number): string {
	const at = new Date(now);
	const p = (n: number) => String(n).padStart(2, '0');
	return `studydeck-backup-${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}.json`;
}

/** Saves text or bytes (an .apkg) as a file through the browser's download: the one
 * download in the app. */
export function downloadFile(
	name: string,
	data: string | Uint8Array | Blob,
	type = 'application/json'
): void {
	const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Revoke later: some browsers start reading the blob after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What the import needs of a File (a plain object in tests). */
export interface TextFile {
	name: string;
	size: number;
	text(): Promise<string>;
}

export class FileTooLargeError extends Error {
	override name = 'FileTooLargeError';
	constructor(readonly size: number) {
		// Rounded up, so a file just over the limit never reads as "200 MB".
		const mb = (Math.ceil((size / 1024 / 1024) * 10) / 10).toFixed(1);
		super(
			`That file is too large (${mb} MB): a Studydeck backup is at most ${megabytes(BACKUP_MAX_BYTES)}.`
		);
	}
}

/** Reads the file as text, refusing one over the backup limit before reading a byte. */
export async function readBackupFile(file: TextFile): Promise<string> {
	if (file.size > BACKUP_MAX_BYTES) throw new FileTooLargeError(file.size);
	return file.text();
}
