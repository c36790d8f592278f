// What the student is in the middle of. An app update is never applied while a review
// session or a quiz is running (ARCHITECTURE.md "Offline and updates"): screens mark themselves busy while they run.
class Activity {
	#holders = $state<string[]>([]);

	/** True while any review session or quiz is running. */
	get busy(): boolean {
		return this.#holders.length > 0;
	}

	get current(): readonly string[] {
		return this.#holders;
	}

	/** Marks `what` ("review", "quiz") as running; returns the function that ends it. */
	begin(what: string): () => void {
		const token = `${what}#${Math.random().toString(36).slice(2)}`;
		this.#holders = [...this.#holders, token];
		let ended = false;
		return () => {
			if (ended) return;
			ended = true;
			this.#holders = this.#holders.filter((h) => h !== token);
		};
	}
}

export const activity = new Activity();
