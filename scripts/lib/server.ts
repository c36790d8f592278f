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

/**
 * Headers every answer carries. The pages' own CSP (kit.csp, a <meta> with script hashes)
 * cannot say `frame-ancestors`, so this header adds only what a <meta> cannot and does not
 * restrict scripts or styles a second time. README "Hosting elsewhere" lists the same.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
	'X-Frame-Options': 'DENY',
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer'
};

const ALLOWED_METHODS = 'GET, HEAD';

/**
 * sirv trusts the Range header: `bytes=5-2` throws a RangeError from createReadStream
 * after the headers are sent, which kills the process. Only a single well-formed range
 * is passed on; any other Range is ignored, which RFC 9110 allows (a 200 with the file).
 */
export function sanitizeRange(range: string | undefined): string | undefined {
	if (range === undefined) return undefined;
	const m = /^bytes=(\d{1,15})-(\d{0,15})$/.exec(range.trim());
	if (!m) return undefined;
	if (m[2] !== '' && Number(m[2]) < Number(m[1])) return undefined;
	return range.trim();
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
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
		// The classroom hub's HTTP endpoints first: they take POST.
		if (mount?.handleRequest(req, res)) return;
		// A static site has nothing to POST to: say so rather than answer with the page.
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res
				.writeHead(405, { Allow: ALLOWED_METHODS, 'Content-Type': 'text/plain' })
				.end('Method not allowed\n');
			return;
		}
		const range = sanitizeRange(req.headers.range);
		if (range === undefined) delete req.headers.range;
		else req.headers.range = range;
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
		try {
			files(req, res, () => {
				res.writeHead(404).end('Not found');
			});
		} catch {
			// A request sirv cannot handle must not stop the classroom's server.
			if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain' });
			res.end();
		}
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
