// Parses an import off the main thread: a large GIFT or Aiken text takes seconds to read,
// and the page must keep answering meanwhile (ARCHITECTURE.md "Performance budgets").
import { importText, type Format, type ImportOptions } from '$lib/core/bank/formats';

export interface ParseRequest {
	text: string;
	format: Format;
	opts: ImportOptions;
}

self.onmessage = (e: MessageEvent<ParseRequest>) => {
	const { text, format, opts } = e.data;
	try {
		self.postMessage({ ok: true, result: importText(text, format, opts) });
	} catch (err) {
		self.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
	}
};
