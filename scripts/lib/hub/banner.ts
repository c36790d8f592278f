// What `npm start -- --host` prints for the classroom: where class data is kept, the
// address phones open, a QR code of it drawn in the terminal, and the passphrase.
import { renderUnicodeCompact } from 'uqr';

export interface BannerInput {
	/** Addresses on the local network, e.g. http://192.168.1.20:4173/ (none without --host). */
	lanUrls: string[];
	localUrl: string;
	dataDir: string;
	sessions: number;
	passphrase: string;
	redis?: string;
	/** Draw the QR code (a terminal that shows Unicode half blocks). */
	qr?: boolean;
}

/** The join page: /class/ on the first network address (or on this computer without --host). */
export function classUrl(base: string): string {
	return `${base.replace(/\/+$/, '')}/class/`;
}

export function hubBanner(b: BannerInput): string {
	const lines: string[] = [''];
	lines.push('Classroom hub (live class quizzes with a 6-digit PIN):');
	lines.push(
		`  class data is kept in ${b.dataDir} (${b.sessions} saved session${b.sessions === 1 ? '' : 's'})`
	);
	if (b.redis) lines.push(`  sharing sessions with other hubs through Redis at ${b.redis}`);
	const url = b.lanUrls[0];
	if (url) {
		lines.push(`  students open ${classUrl(url)}  (or scan:)`);
		if (b.qr !== false)
			lines.push(
				...renderUnicodeCompact(classUrl(url), { border: 2, ecc: 'M' })
					.split('\n')
					.map((l) => `    ${l}`)
			);
		for (const other of b.lanUrls.slice(1)) lines.push(`  also on ${classUrl(other)}`);
	} else {
		lines.push(`  only this computer can join: ${classUrl(b.localUrl)}`);
		lines.push('  (add -- --host so phones on your network can join)');
	}
	lines.push(
		`  start sessions on this laptop, or from another device with the passphrase ${b.passphrase}`
	);
	lines.push(
		'  pages over plain http on the network work online only: keep the laptop on and awake.'
	);
	return lines.join('\n');
}
