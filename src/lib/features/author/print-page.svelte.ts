// /author/<set>/print/: the set laid out for paper, questions first and the answer key
// after. The printable form is built by the pure core, loaded only on this page.
import type { Printable } from '$lib/core/bank/formats/print';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';

export type PrintView =
	| { kind: 'loading' }
	| { kind: 'missing' }
	| { kind: 'error'; message: string }
	| { kind: 'ready'; title: string; printable: Printable; count: number };

export class PrintPage {
	readonly #id: string;
	readonly #deps: AppDeps;
	current = $state.raw<PrintView>({ kind: 'loading' });

	constructor(id: string, deps: Deps = {}) {
		this.#id = id;
		this.#deps = appDeps(deps);
	}

	async load(): Promise<void> {
		try {
			const [set, { toPrintable }] = await Promise.all([
				this.#deps.catalog.get(this.#id),
				import('$lib/core/bank/formats/print')
			]);
			this.current = set
				? {
						kind: 'ready',
						title: set.title,
						count: set.questions.length,
						printable: toPrintable({ questions: set.questions })
					}
				: { kind: 'missing' };
		} catch (e) {
			this.current = { kind: 'error', message: this.#deps.showError(e) };
		}
	}
}
