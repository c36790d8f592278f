// SetSharing: "Share a set" on /class/, both ends. Sending: the set as a file (the
// authoring JSON export) and, when it fits, a link carrying the whole set plus its QR
// code. Receiving: a `#set=…` link is read by decodeSetLink, then handed to the
// authoring ImportSession as JSON, so it is stored by the same validated path as any
// import (clash with an existing id: replace or keep both).
import { toJson } from '$lib/core/bank/formats/json';
import { formatProblem } from '$lib/core/bank/problems';
import type { QuestionSet } from '$lib/core/bank/schema';
import type { CatalogEntry } from '$lib/platform/catalog/catalog';
import { appDeps, type AppDeps, type Deps } from '$lib/platform/deps';
import { exportFile, type ExportFile } from '$lib/core/authoring/export';
import { ImportSession } from '$lib/features/author/import-session.svelte';
import { qrDataUrl } from './class-run.svelte';
import { decodeSetLink, encodeSetLink, type SetLinkResult } from '$lib/core/classroom/share';

export type Incoming =
	| { kind: 'none' }
	| { kind: 'problems'; problems: string[] }
	| { kind: 'preview'; set: QuestionSet };

export class SetSharing {
	readonly #deps: AppDeps;
	readonly importer: ImportSession;

	phase = $state<'loading' | 'ready'>('loading');
	choices = $state.raw<CatalogEntry[]>([]);
	setId = $state('');
	problem = $state<string | null>(null);
	link = $state.raw<SetLinkResult | null>(null);
	qr = $state<string | undefined>(undefined);
	incoming = $state.raw<Incoming>({ kind: 'none' });

	#set = $state.raw<QuestionSet | null>(null);

	constructor(deps: Deps = {}, importer = new ImportSession(deps)) {
		this.#deps = appDeps(deps);
		this.importer = importer;
	}

	get set(): QuestionSet | null {
		return this.#set;
	}

	async load(): Promise<void> {
		try {
			this.choices = await this.#deps.catalog.list();
		} catch (e) {
			this.problem = 'The list of sets could not be read.';
			this.#deps.showError(e);
		}
		this.phase = 'ready';
	}

	/** Picks the set to share; `pageUrl` is this page's address (the link opens it). */
	async choose(id: string, pageUrl: string): Promise<void> {
		this.setId = id;
		this.#set = null;
		this.link = null;
		this.qr = undefined;
		const choice = this.choices.find((c) => c.id === id);
		if (!choice) return;
		try {
			const set = await this.#deps.catalog.get(choice.id);
			if (this.setId !== id) return;
			if (!set) {
				this.problem = `The set “${choice.title}” could not be loaded.`;
				return;
			}
			this.problem = null;
			this.#set = set;
			this.link = encodeSetLink(set, pageUrl);
			this.qr = this.link.ok ? qrDataUrl(this.link.url) : undefined;
		} catch {
			this.problem = `The set “${choice.title}” could not be loaded. Check the connection and try again.`;
		}
	}

	/** The set as a Studydeck JSON file. */
	file(): Promise<ExportFile> | undefined {
		return this.#set ? exportFile(this.#set, 'json') : undefined;
	}

	/** Reads a set link (`#set=…`); shows a preview, writes nothing. */
	async openLink(urlOrFragment: string): Promise<void> {
		const r = decodeSetLink(urlOrFragment);
		if (!r.ok) {
			this.incoming = { kind: 'problems', problems: r.problems.map(formatProblem) };
			return;
		}
		await this.importer.readText(toJson(r.value), 'json');
		const stage = this.importer.stage;
		this.incoming =
			stage.kind === 'preview'
				? { kind: 'preview', set: stage.preview.set }
				: stage.kind === 'problems'
					? { kind: 'problems', problems: stage.problems }
					: { kind: 'none' };
	}

	/** Nothing imported: forget the link. */
	dismiss(): void {
		this.importer.reset();
		this.incoming = { kind: 'none' };
	}
}
