// `npm start` (after the build) and `npm run serve`: serve build/ at http://localhost:4173.
// `npm start -- --host` serves it on the local network for a classroom.
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { startServer } from './lib/server.ts';

const { values } = parseArgs({
	options: {
		host: { type: 'boolean', default: false },
		port: { type: 'string', default: process.env.PORT ?? '4173' },
		dir: { type: 'string', default: 'build' }
	}
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`--port must be a port number, got "${values.port}"`);
	process.exit(2);
}
const base = (process.env.BASE_PATH ?? '').replace(/\/$/, '');

try {
	const running = await startServer({
		dir: values.dir!,
		port,
		host: values.host ? '0.0.0.0' : '127.0.0.1',
		base
	});
	console.log(`Studydeck is running at ${running.url.replace('127.0.0.1', 'localhost')}`);
	if (values.host) {
		for (const list of Object.values(networkInterfaces()))
			for (const a of list ?? [])
				if (a.family === 'IPv4' && !a.internal)
					console.log(`  on your network: http://${a.address}:${port}${base}/`);
	} else {
		console.log('  (add -- --host to serve it to other devices on your network)');
	}
	console.log('Press Ctrl+C to stop.');
} catch (e) {
	const err = e as NodeJS.ErrnoException;
	console.error(
		err.code === 'EADDRINUSE'
			? `Port ${port} is in use; stop the other server or use "npm start -- --port 4174"`
			: err.message
	);
	process.exit(1);
}
