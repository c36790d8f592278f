// A hub with no app files: what the tests, the bench and a scale-out instance run.
//   tsx scripts/lib/hub/main.ts --port 0 --data DIR [--redis HOST:PORT] [--host 0.0.0.0]
// Prints one JSON line {"port":N} once it listens. `npm start` serves the app and the hub
// together instead (scripts/serve.ts).
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ClassroomHub, type HubOptions } from './hub.ts';

export interface RunningHub {
	hub: ClassroomHub;
	server: Server;
	port: number;
	url: string;
	close(): Promise<void>;
}

export async function startHubServer(
	options: HubOptions & { port?: number; host?: string }
): Promise<RunningHub> {
	const hub = await ClassroomHub.start(options);
	const server = createServer((req, res) => {
		if (!hub.handleRequest(req, res)) res.writeHead(404).end('Not found');
	});
	server.on('upgrade', (req, socket, head) => {
		if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const addr = server.address();
	const port = typeof addr === 'object' && addr ? addr.port : 0;
	return {
		hub,
		server,
		port,
		url: `http://127.0.0.1:${port}`,
		async close() {
			await hub.close();
			server.closeAllConnections();
			await new Promise<void>((r) => server.close(() => r()));
		}
	};
}

/**
 * A classroom is better served by a hub that logs an unexpected error and goes on than by
 * one that stops mid-lesson: everything acknowledged is on disk either way.
 */
export function keepServing(): void {
	process.on('unhandledRejection', (e) =>
		console.error(`hub: unexpected error (still serving): ${(e as Error)?.stack ?? e}`)
	);
	process.on('uncaughtException', (e) =>
		console.error(`hub: unexpected error (still serving): ${e.stack ?? e}`)
	);
}

export function parseRedis(value: string | undefined): HubOptions['redis'] {
	if (!value) return undefined;
	const m = /^(?:redis:\/\/)?([^:/]+)(?::(\d+))?\/?$/.exec(value);
	if (!m) throw new Error(`--redis must be HOST:PORT, got "${value}"`);
	return { host: m[1]!, port: Number(m[2] ?? 6379) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '0' },
			host: { type: 'string', default: '127.0.0.1' },
			data: { type: 'string' },
			redis: { type: 'string' },
			passphrase: { type: 'string' }
		}
	});
	if (!values.data) {
		console.error('--data DIR is required: where the hub keeps class data');
		process.exit(2);
	}
	const running = await startHubServer({
		dataDir: values.data,
		port: Number(values.port),
		host: values.host!,
		...(values.redis ? { redis: parseRedis(values.redis)! } : {}),
		...(values.passphrase ? { passphrase: values.passphrase } : {})
	});
	keepServing();
	console.log(JSON.stringify({ port: running.port, pid: process.pid }));
	const stop = () => {
		// Everything acknowledged is already on disk: a slow close need not be waited for.
		setTimeout(() => process.exit(0), 2000).unref();
		void running.close().then(() => process.exit(0));
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}
