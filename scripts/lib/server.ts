// The static server behind `npm start`, the e2e tests and the bench: serves a build with
// the SPA fallback (deep links work on reload) and the caching headers an offline app
// needs — the service worker is never cached, hashed assets are immutable.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

export interface ServeOptions {
	dir: string;
	port?: number;
	host?: string;
	/** URL prefix the build was made for (BASE_PATH), e.g. "/studydeck". */
	base?: string;
	/** Another service on the same port (the classroom hub): takes its own requests first. */
	mount?: {
		handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
		handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	};
}

export interface Running {
	server: Server;
	url: string;
	close: () => Promise<void>;
}

export function cacheControl(pathname: string): string {
	if (/\/service-worker\.js$/.test(pathname)) return 'no-cache, no-store, must-revalidate';
	if (pathname.includes('/_app/immutable/')) return 'public, max-age=31536000, immutable';
	return 'no-cache';
}

export function startServer({
	dir,
	port = 4173,
	host = '127.0.0.1',
	base = '',
	mount
}: ServeOptions) {
	if (!existsSync(join(dir, '200.html')))
		throw new Error(`${dir} holds no build (no 200.html); run "npm run build" first`);
	const files = sirv(dir, {
		single: '200.html',
		dev: false,
		etag: true,
		// Serve the .br/.gz files the build wrote beside each asset.
		gzip: true,
		brotli: true,
		extensions: ['html'],
		setHeaders(res, pathname) {
			res.setHeader('Cache-Control', cacheControl(pathname));
			if (pathname.endsWith('.webmanifest'))
				res.setHeader('Content-Type', 'application/manifest+json');
		}
	});
	const server = createServer((req, res) => {
		if (mount?.handleRequest(req, res)) return;
		const url = req.url ?? '/';
		if (base) {
			if (url === base) {
				res.writeHead(301, { Location: `${base}/` }).end();
				return;
			}
			if (!url.startsWith(`${base}/`)) {
				res
					.writeHead(404, { 'Content-Type': 'text/plain' })
					.end(`Not found: the app is at ${base}/`);
				return;
			}
			req.url = url.slice(base.length);
		}
		files(req, res, () => {
			res.writeHead(404).end('Not found');
		});
	});
	server.on('upgrade', (req, socket, head) => {
		if (!mount?.handleUpgrade(req, socket, head)) socket.destroy();
	});
	return new Promise<Running>((resolvePromise, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const addr = server.address();
			const actual = typeof addr === 'object' && addr ? addr.port : port;
			const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
			resolvePromise({
				server,
				url: `http://${shown}:${actual}${base}/`,
				close: () =>
					new Promise<void>((r) => {
						server.closeAllConnections();
						server.close(() => r());
					})
			});
		});
	});
}
