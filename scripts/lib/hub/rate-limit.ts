// Failed attempts per key in a sliding window: PIN guessing, wrong passphrases.
export class FailureLimiter {
	readonly #max: number;
	readonly #windowMs: number;
	readonly #now: () => number;
	readonly #hits = new Map<string, number[]>();

	constructor(max: number, windowMs: number, now: () => number = Date.now) {
		this.#max = max;
		this.#windowMs = windowMs;
		this.#now = now;
	}

	#recent(key: string): number[] {
		const since = this.#now() - this.#windowMs;
		const list = (this.#hits.get(key) ?? []).filter((t) => t > since);
		if (list.length) this.#hits.set(key, list);
		else this.#hits.delete(key);
		return list;
	}

	/** Milliseconds until `key` may try again; 0 when it may try now. */
	blockedFor(key: string): number {
		const list = this.#recent(key);
		if (list.length < this.#max) return 0;
		return Math.max(1, list[list.length - this.#max]! + this.#windowMs - this.#now());
	}

	fail(key: string): void {
		const list = this.#recent(key);
		list.push(this.#now());
		this.#hits.set(key, list);
		// A flood of distinct keys (spoofed addresses) must not grow memory without bound.
		if (this.#hits.size > 10_000)
			for (const k of [...this.#hits.keys()].slice(0, 5000)) this.#hits.delete(k);
	}
}
