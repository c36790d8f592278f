// Node-side file access for the bank CLI: find set files and read them with limits, so a
// wrong path or a huge file gives one clear line instead of a stack trace.
import {
	closeSync,
	constants,
	existsSync,
	fstatSync,
	openSync,
	readdirSync,
	readSync,
	statSync
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { LIMITS } from '../../src/lib/core/bank/schema.ts';
import { SET_FILE, SOURCE_FILE } from '../../src/lib/core/bank/load.ts';
import { tooLargeMessage } from '../../src/lib/core/bank/formats/json.ts';
import { decodeBytes } from '../../src/lib/core/bank/formats/index.ts';
import { formatProblem } from '../../src/lib/core/bank/problems.ts';

export class CliError extends Error {}

export const display = (p: string) => {
	const rel = relative(process.cwd(), p);
	return rel && !rel.startsWith('..') ? rel : resolve(p);
};

/**
 * A file's bytes, never more than `maxBytes`. `stat` says 0 bytes for /dev/zero, a FIFO or
 * /proc files, so the size is not trusted: only regular files are read, and the read
 * itself stops one byte past the limit. O_NONBLOCK keeps a FIFO from hanging the open.
 */
export function readBytesCapped(path: string, maxBytes: number = LIMITS.fileBytes): Uint8Array {
	let fd: number;
	try {
		fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'EISDIR') throw new CliError(`${display(path)}: is a directory, expected a file`);
		if (code === 'EACCES') throw new CliError(`${display(path)}: permission denied`);
		throw new CliError(`${display(path)}: no such file or directory`);
	}
	try {
		const st = fstatSync(fd);
		if (st.isDirectory()) throw new CliError(`${display(path)}: is a directory, expected a file`);
		if (!st.isFile())
			throw new CliError(
				`${display(path)}: not a regular file (a device, pipe or socket); save the questions to a file first`
			);
		if (st.size > maxBytes)
			throw new CliError(`${display(path)}: ${tooLargeMessage(st.size, maxBytes)}`);
		const chunks: Buffer[] = [];
		let total = 0;
		for (;;) {
			const chunk = Buffer.allocUnsafe(64 * 1024);
			const n = readSync(fd, chunk, 0, chunk.length, null);
			if (n === 0) break;
			total += n;
			if (total > maxBytes)
				throw new CliError(`${display(path)}: ${tooLargeMessage(total, maxBytes)} (and growing)`);
			chunks.push(chunk.subarray(0, n));
		}
		return Buffer.concat(chunks, total);
	} finally {
		closeSync(fd);
	}
}

/**
 * Reads a text file: UTF-8, or UTF-16 with a byte-order mark (as the browser importer
 * reads it), refusing directories, devices, oversized and binary files, and bad encodings.
 */
export function readText(path: string, maxBytes: number = LIMITS.fileBytes): string {
	const bytes = readBytesCapped(path, maxBytes);
	const text = decodeBytes(bytes);
	if (!text.ok)
		throw new CliError(`${display(path)}: ${text.problems.map(formatProblem).join('; ')}`);
	return text.value;
}

export interface SetFile {
	/** The set.json (or other .json) file. */
	file: string;
	json: string;
	sourceText?: string;
}

/** Loads a set given its directory or its JSON file; source.txt beside it is its source text. */
export function readSetFile(path: string): SetFile {
	let file = path;
	if (existsSync(path) && statSync(path).isDirectory()) {
		file = join(path, SET_FILE);
		if (!existsSync(file))
			throw new CliError(
				`${display(path)}: no ${SET_FILE} here; a set directory holds ${SET_FILE}`
			);
	}
	const json = readText(file);
	const sourcePath = join(dirname(file), SOURCE_FILE);
	const sourceText =
		basename(file) === SET_FILE && existsSync(sourcePath) ? readText(sourcePath) : undefined;
	return { file, json, ...(sourceText !== undefined ? { sourceText } : {}) };
}

/**
 * Expands CLI paths to set locations: a set directory, a set file, or a directory of set
 * directories (like `questions/`).
 */
export function findSets(paths: string[]): string[] {
	const found: string[] = [];
	for (const p of paths) {
		if (!existsSync(p)) throw new CliError(`${display(p)}: no such file or directory`);
		if (!statSync(p).isDirectory()) {
			found.push(p);
			continue;
		}
		if (existsSync(join(p, SET_FILE))) {
			found.push(p);
			continue;
		}
		const subs = readdirSync(p, { withFileTypes: true })
			.filter((d) => d.isDirectory() && existsSync(join(p, d.name, SET_FILE)))
			.map((d) => join(p, d.name))
			.sort();
		if (subs.length === 0)
			throw new CliError(
				`${display(p)}: no question set here (no ${SET_FILE} in it or its subdirectories)`
			);
		found.push(...subs);
	}
	return found;
}
