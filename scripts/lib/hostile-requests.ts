// Requests a phone on a classroom network could send to a server we run. Each is sent raw
// over TCP, so malformed shapes reach the server exactly as written. Reused by any server
// test (the static server here; the classroom hub can run the same list).
import { connect } from 'node:net';

export interface HostileRequest {
	name: string;
	/** The bytes sent, request line and headers; `\r\n\r\n` is added when absent. */
	raw: string;
}

const get = (path: string, ...headers: string[]) =>
	[`GET ${path} HTTP/1.1`, 'Host: localhost', ...headers, 'Connection: close'].join('\r\n');

/** `path` is any file the server serves (e.g. "/favicon.svg"). */
export function hostileRequests(path: string): HostileRequest[] {
	return [
		{ name: 'Range start after end', raw: get(path, 'Range: bytes=5-2') },
		{ name: 'Range beyond the file', raw: get(path, 'Range: bytes=999999999-') },
		{ name: 'Range suffix', raw: get(path, 'Range: bytes=-5') },
		{ name: 'Range negative', raw: get(path, 'Range: bytes=-5--2') },
		{ name: 'Range several', raw: get(path, 'Range: bytes=0-1,3-2,9-') },
		{ name: 'Range garbage', raw: get(path, 'Range: bytes=x-y') },
		{ name: 'Range huge numbers', raw: get(path, 'Range: bytes=1e309-9e999') },
		{ name: 'Range other unit', raw: get(path, 'Range: items=0-1') },
		{ name: 'Range empty', raw: get(path, 'Range: ') },
		{ name: 'POST', raw: `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc` },
		{ name: 'TRACE', raw: `TRACE ${path} HTTP/1.1\r\nHost: x\r\nConnection: close` },
		{ name: 'path traversal', raw: get('/../../../../etc/passwd') },
		{ name: 'encoded traversal', raw: get('/%2e%2e/%2e%2e/etc/passwd') },
		{ name: 'bad percent-encoding', raw: get('/%E0%A4%A') },
		{ name: 'NUL in path', raw: get('/a%00b') },
		{ name: 'very long path', raw: get('/' + 'a'.repeat(60_000)) },
		{ name: 'absolute-form URL', raw: get('http://evil.example/x') },
		{ name: 'asterisk target', raw: `OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close` },
		{ name: 'malformed request line', raw: 'GARBAGE\r\n' },
		{ name: 'binary noise', raw: '\u0000\u0001\u0002\u00ff\u00fe' },
		{
			name: 'conflicting lengths (smuggling shape)',
			raw: `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET / HTTP/1.1`
		},
		{ name: 'If-None-Match garbage', raw: get(path, 'If-None-Match: "' + '\\'.repeat(500)) },
		{ name: 'Accept-Encoding odd', raw: get(path, 'Accept-Encoding: br;q=NaN, gzip;q=-1, *') }
	];
}

export interface RawReply {
	/** The status code, or undefined when the server closed without one. */
	status: number | undefined;
	text: string;
}

/** Sends one raw request and resolves with what came back (bounded in time and bytes). */
export function sendRaw(port: number, raw: string, timeoutMs = 3000): Promise<RawReply> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let text = '';
		const done = () => {
			clearTimeout(timer);
			socket.destroy();
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
			resolve({ status: m ? Number(m[1]) : undefined, text });
		};
		const timer = setTimeout(done, timeoutMs);
		socket.setEncoding('latin1');
		socket.on('data', (d: string) => {
			if (text.length < 200_000) text += d;
		});
		socket.on('error', done);
		socket.on('close', done);
		socket.write(raw.includes('\r\n\r\n') ? raw : raw + '\r\n\r\n');
	});
}
