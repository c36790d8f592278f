// The app's build and a hub on one port, as `npm start` runs them: for end-to-end tests
// of the class screens (tests/e2e) and anything else that needs both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type Running } from '../server.ts';
import { ClassroomHub, type HubOptions } from './hub.ts';

export interface AppWithHub extends Running {
	hub: ClassroomHub;
	dataDir: string;
}

/** Serves `dir` with a hub; class data goes to a temporary folder unless `dataDir` is given. */
export async function startAppWithHub(options: {
	dir: string;
	port?: number;
	base?: string;
	hub?: Partial<HubOptions>;
}): Promise<AppWithHub> {
	const own = !options.hub?.dataDir;
	const dataDir = options.hub?.dataDir ?? mkdtempSync(join(tmpdir(), 'studydeck-hub-'));
	const hub = await ClassroomHub.start({
		log: () => {},
		...options.hub,
		dataDir,
		...(options.base ? { base: options.base } : {})
	});
	const running = await startServer({
		dir: options.dir,
		port: options.port ?? 0,
		...(options.base ? { base: options.base } : {}),
		mount: hub
	});
	return {
		...running,
		hub,
		dataDir,
		async close() {
			await hub.close();
			await running.close();
			if (own) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
