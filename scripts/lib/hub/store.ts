// The hub's disk: one append-only log per Yjs document, every update framed as
// [length u32][crc32 u32][bytes] and fdatasync'ed before append() resolves, so an answer
// the hub has acknowledged survives `kill -9` and a power cut. Writers batch: updates that
// arrive while a sync is running share the next one (group commit), so 60 students do
// not cost 60 syncs. A torn last frame (a crash mid-write) is cut off on load. A log that
// grows long is compacted: the document's whole state is written to a temporary file,
// synced, and renamed over the log, which is atomic on POSIX file systems.
import { constants, existsSync, mkdirSync } from 'node:fs';
import { open, readdir, readFile, rename, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER = 8;
/** Frames larger than this are not updates we wrote: treat as damage. */
const MAX_FRAME = 64 * 1024 * 1024;

export interface LoadResult {
	updates: Uint8Array[];
	/** Bytes cut from a damaged or torn tail. */
	cut: number;
}

interface Writer {
	fd: FileHandle;
	pending: Buffer[];
	waiters: { resolve: () => void; reject: (e: Error) => void }[];
	flushing: Promise<void> | null;
	frames: number;
	compact?: () => Uint8Array;
}

export function frame(update: Uint8Array): Buffer {
	const out = Buffer.allocUnsafe(HEADER + update.length);
	out.writeUInt32LE(update.length, 0);
	out.writeUInt32LE(crc32(update), 4);
	out.set(update, HEADER);
	return out;
}

/** Splits a log into updates; stops at the first frame that is short or fails its CRC. */
export function readFrames(buf: Uint8Array): { updates: Uint8Array[]; good: number } {
	const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
	const updates: Uint8Array[] = [];
	let at = 0;
	while (at + HEADER <= b.length) {
		const len = b.readUInt32LE(at);
		if (len > MAX_FRAME || at + HEADER + len > b.length) break;
		const body = b.subarray(at + HEADER, at + HEADER + len);
		if (crc32(body) !== b.readUInt32LE(at + 4)) break;
		updates.push(new Uint8Array(body));
		at += HEADER + len;
	}
	return { updates, good: at };
}

export class DocStore {
	readonly dir: string;
	readonly #compactAfter: number;
	readonly #writers = new Map<string, Promise<Writer>>();
	#closed = false;

	constructor(dir: string, options: { compactAfter?: number } = {}) {
		this.dir = dir;
		this.#compactAfter = options.compactAfter ?? 2000;
		mkdirSync(dir, { recursive: true, mode: 0o700 });
	}

	/** File of a document: names are checked by the hub, and must stay one path segment. */
	path(name: string): string {
		if (!/^[a-z0-9/]+$/.test(name)) throw new Error(`bad document name for the store: ${name}`);
		return join(this.dir, `${name.replace(/\//g, '.')}.log`);
	}

	/** Document names that have a log. */
	async names(): Promise<string[]> {
		return (await readdir(this.dir))
			.filter((f) => f.endsWith('.log'))
			.map((f) => f.slice(0, -4).replace(/\./g, '/'));
	}

	async load(name: string): Promise<LoadResult> {
		const file = this.path(name);
		if (!existsSync(file)) return { updates: [], cut: 0 };
		// The writer may be open (a document unloaded and loaded again): let it settle first.
		const w = await this.#writers.get(name);
		if (w?.flushing) await w.flushing;
		const buf = await readFile(file);
		const { updates, good } = readFrames(buf);
		if (good < buf.length) await truncate(file, good);
		if (w) w.frames = updates.length;
		return { updates, cut: buf.length - good };
	}

	/**
	 * Appends one update; resolves once it is on disk. `state` (optional) returns the
	 * whole document, used to compact the log when it has grown long.
	 */
	append(name: string, update: Uint8Array, state?: () => Uint8Array): Promise<void> {
		if (this.#closed) return Promise.reject(new Error('the store is closed'));
		return this.#writer(name).then(
			(w) =>
				new Promise<void>((resolve, reject) => {
					if (state) w.compact = state;
					w.pending.push(frame(update));
					w.waiters.push({ resolve, reject });
					w.flushing ??= this.#flush(name, w);
				})
		);
	}

	async #flush(name: string, w: Writer): Promise<void> {
		// Let the appends of this tick join the batch.
		await new Promise((r) => setImmediate(r));
		try {
			while (w.pending.length) {
				const batch = Buffer.concat(w.pending);
				const waiters = w.waiters;
				const count = w.pending.length;
				w.pending = [];
				w.waiters = [];
				try {
					await w.fd.write(batch, 0, batch.length);
					await w.fd.datasync();
					w.frames += count;
					for (const x of waiters) x.resolve();
				} catch (e) {
					for (const x of waiters) x.reject(e as Error);
				}
				if (w.frames > this.#compactAfter && w.compact && !w.pending.length)
					await this.#compact(name, w, w.compact());
			}
		} finally {
			w.flushing = null;
		}
	}

	async #compact(name: string, w: Writer, state: Uint8Array): Promise<void> {
		const file = this.path(name);
		const tmp = `${file}.tmp`;
		const fd = await open(tmp, 'w', 0o600);
		await fd.write(frame(state));
		await fd.sync();
		await fd.close();
		await rename(tmp, file);
		await this.#syncDir();
		await w.fd.close();
		w.fd = await open(file, constants.O_WRONLY | constants.O_APPEND);
		w.frames = 1;
	}

	async #syncDir(): Promise<void> {
		const d = await open(this.dir, 'r');
		try {
			await d.sync();
		} finally {
			await d.close();
		}
	}

	#writer(name: string): Promise<Writer> {
		let w = this.#writers.get(name);
		if (!w) {
			const file = this.path(name);
			w = (async () => {
				const created = !existsSync(file);
				const fd = await open(file, 'a', 0o600);
				// A new file's directory entry must be durable too, or a crash can lose the file.
				if (created) await this.#syncDir();
				return { fd, pending: [], waiters: [], flushing: null, frames: 0 };
			})();
			this.#writers.set(name, w);
			w.catch(() => this.#writers.delete(name));
		}
		return w;
	}

	/** Waits for every pending write, then closes the files. */
	async close(): Promise<void> {
		this.#closed = true;
		for (const p of this.#writers.values()) {
			const w = await p.catch(() => null);
			if (!w) continue;
			if (w.flushing) await w.flushing;
			await w.fd.close();
		}
		this.#writers.clear();
	}
}
