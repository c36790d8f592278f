// SQLite in WebAssembly as the app loads it: only when an .apkg is opened or exported (a
// dynamic import from the authoring page), never on the study path. sql.js
// fetches its WebAssembly from the build; the service worker caches it on first use, so
// Anki import keeps working offline afterwards.
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';

let sql: Promise<SqlJsStatic> | undefined;

export function loadSql(): Promise<SqlJsStatic> {
	sql ??= initSqlJs({ locateFile: () => wasmUrl }).catch((e: unknown) => {
		sql = undefined; // a failed fetch (offline before first use) may succeed later
		throw new Error(
			`the Anki reader could not load (${e instanceof Error ? e.message : String(e)})`
		);
	});
	return sql;
}
