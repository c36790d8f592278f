// Reading a whole store a chunk at a time (Check database, the backup export), with the
// reads of the next chunks queued before this one is handed out. A chunk is fetched by the
// database while the one before it is turned into objects and checked or written out, so
// neither side waits for the other: at 250,000 answers in Chromium this reads the log in
// 1.2 s where asking for each chunk after the last one arrived took 1.8 s (issue 15).
//
// A chunk is a key range, so its bounds must be known before its records are: a store with
// numeric keys (the log, the tallies) is cut into ranges of the key space; any other store
// reads its keys a few chunks ahead. Writes the caller makes to records already handed out
// do not disturb later chunks, which never include them.

/** What a scan needs of a store: plain idb object store methods. */
export interface ScanStore<V, K extends IDBValidKey> {
	getAll(query?: IDBKeyRange | null, count?: number): Promise<V[]>;
	getAllKeys(query?: IDBKeyRange | null, count?: number): Promise<K[]>;
	openKeyCursor(
		query?: IDBKeyRange | null,
		direction?: IDBCursorDirection
	): Promise<{ key: K } | null>;
}

export interface ScanOptions<V> {
	/** Most records in a chunk. */
	size: number;
	/** Chunks asked for ahead of the one being handed out. */
	depth?: number;
	/** The key of a record (the store's key path). Given: the keys are numbers, and the key
	 * space is cut into ranges `size` wide. */
	numericKey?: (value: V) => number;
}

/** Every record of `store` in key order, in chunks of at most `size`. */
export function scan<V, K extends IDBValidKey>(
	store: ScanStore<V, K>,
	options: ScanOptions<V>
): AsyncGenerator<V[], void, undefined> {
	return options.numericKey
		? scanNumeric(
				store as unknown as ScanStore<V, number>,
				options.size,
				options.depth ?? 4,
				options.numericKey
			)
		: scanKeyed(store, options.size, options.depth ?? 4);
}

/** A request whose rejection is handled where it is awaited (or is the transaction's abort,
 * which the caller sees on its own), never as an unhandled rejection. */
function quiet<T>(p: Promise<T>): Promise<T> {
	p.catch(() => {});
	return p;
}

async function* scanNumeric<V>(
	store: ScanStore<V, number>,
	size: number,
	depth: number,
	keyOf: (value: V) => number
): AsyncGenerator<V[], void, undefined> {
	const [first, last] = await Promise.all([
		store.openKeyCursor(),
		store.openKeyCursor(null, 'prev')
	]);
	if (!first || !last) return;
	const end = last.key;
	let from = first.key;
	const queue: { values: Promise<V[]>; upTo: number; open: boolean }[] = [];
	const fill = () => {
		while (queue.length < depth && from <= end) {
			// The last range takes in `end`; so does one past a key so large that adding
			// `size` does not change it.
			const last = from + size > end || from + size <= from;
			const upTo = last ? end : from + size;
			const range = IDBKeyRange.bound(from, upTo, false, !last);
			// One more than `size`: a range of whole-number keys holds `size` at most, so only
			// keys closer than that (a hand-made backup) ever fill it and need another read.
			queue.push({ values: quiet(store.getAll(range, size + 1)), upTo, open: !last });
			from = last ? Infinity : upTo;
		}
	};
	fill();
	while (queue.length) {
		const { values: request, upTo, open } = queue.shift()!;
		let values = await request;
		if (!values.length && from <= end) {
			// Keys far apart (a hand-made backup): jump to the next key instead of asking
			// for every empty range between.
			const next = await store.openKeyCursor(IDBKeyRange.lowerBound(from));
			from = next ? next.key : Infinity;
		}
		fill();
		while (values.length) {
			yield values;
			const after = keyOf(values.at(-1)!);
			if (values.length <= size || after >= upTo) break;
			values = await store.getAll(IDBKeyRange.bound(after, upTo, true, open), size + 1);
		}
	}
}

async function* scanKeyed<V, K extends IDBValidKey>(
	store: ScanStore<V, K>,
	size: number,
	depth: number
): AsyncGenerator<V[], void, undefined> {
	const batch = size * depth;
	let keys = quiet(store.getAllKeys(null, batch));
	for (;;) {
		const list = await keys;
		if (!list.length) return;
		const chunks: Promise<V[]>[] = [];
		for (let i = 0; i < list.length; i += size) {
			const last = list[Math.min(i + size, list.length) - 1]!;
			chunks.push(quiet(store.getAll(IDBKeyRange.bound(list[i], last))));
		}
		const more = list.length === batch;
		if (more) keys = quiet(store.getAllKeys(IDBKeyRange.lowerBound(list.at(-1), true), batch));
		for (const chunk of chunks) {
			const values = await chunk;
			if (values.length) yield values;
		}
		if (!more) return;
	}
}
