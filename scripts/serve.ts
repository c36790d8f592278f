// `npm start` (after the build) and `npm run serve`: serve build/ at http://localhost:4173.
// `npm start -- --host` serves it on the local network for a classroom, with the
// classroom hub (live sessions by PIN) on the same address and port.
//   --data DIR      where the hub keeps class data (default ~/.studydeck/classroom,
//                   or $STUDYDECK_DATA)
//   --redis H:P     share sessions with other hub processes (a school deployment)
//   --behind-proxy  requests from 127.0.0.1 are not the teacher's laptop (a reverse proxy)
// STUDYDECK_HUB_PASSPHRASE sets the passphrase (the same on every instance of a school).
import { homedir, networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hubBanner } from './lib/hub/banner.ts';
import { ClassroomHub } from './lib/hub/hub.ts';
import { keepServing, parseRedis } from './lib/hub/main.ts';
import { startServer } from './lib/server.ts';

const { values } = parseArgs({
	options: {
		host: { type: 'boolean', default: false },
		port: { type: 'string', default: process.env.PORT ?? '4173' },
		dir: { type: 'string', default: 'build' },
		data: { type: 'string' },
		redis: { type: 'string' },
		'behind-proxy': { type: 'boolean', default: false }
	}
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`--port must be a port number, got "${values.port}"`);
	process.exit(2);
}
const base = (process.env.BASE_PATH ?? '').replace(/\/$/, '');

const dataDir = resolve(
	values.data ?? process.env.STUDYDECK_DATA ?? join(homedir(), '.studydeck', 'classroom')
);

try {
	const redis = parseRedis(values.redis);
	keepServing();
	const hub = await ClassroomHub.start({
		dataDir,
		base,
		trustLoopback: !values['behind-proxy'],
		...(process.env.STUDYDECK_HUB_PASSPHRASE
			? { passphrase: process.env.STUDYDECK_HUB_PASSPHRASE.trim().toLowerCase() }
			: {}),
		...(redis ? { redis } : {})
	});
	const running = await startServer({
		dir: values.dir!,
		port,
		host: values.host ? '0.0.0.0' : '127.0.0.1',
		base,
		mount: hub
	});
	const actualPort = new URL(running.url).port;
	console.log(`Studydeck is running at ${running.url.replace('127.0.0.1', 'localhost')}`);
	const lanUrls: string[] = [];
	if (values.host) {
		for (const list of Object.values(networkInterfaces()))
			for (const a of list ?? [])
				if (a.family === 'IPv4' && !a.internal) {
					lanUrls.push(`http://${a.address}:${actualPort}${base}/`);
					console.log(`  on your network: http://${a.address}:${actualPort}${base}/`);
				}
	} else {
		console.log('  (add -- --host to serve it to other devices on your network)');
	}
	console.log(
		hubBanner({
			lanUrls,
			localUrl: running.url.replace('127.0.0.1', 'localhost'),
			dataDir: hub.dataDir,
			sessions: hub.listSessions().length,
			passphrase: hub.passphrase,
			...(values.redis ? { redis: values.redis } : {}),
			qr: process.stdout.isTTY !== false
		})
	);
	console.log('Press Ctrl+C to stop.');
	const stop = () => {
		setTimeout(() => process.exit(0), 2000).unref();
		void hub.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
} catch (e) {
	const err = e as NodeJS.ErrnoException;
	console.error(
		err.code === 'EADDRINUSE'
			? `Port ${port} is in use; stop the other server or use "npm start -- --port 4174"`
			: err.message
	);
	process.exit(1);
}
