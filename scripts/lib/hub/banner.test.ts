import { expect, it } from 'vitest';
import { classUrl, hubBanner } from './banner.ts';

const base = {
	dataDir: '/data/class',
	sessions: 2,
	passphrase: 'abcd-efgh-jkmn-pqrs',
	localUrl: 'http://localhost:4173/'
};

it('prints where data is kept, the join address with a QR code, and the passphrase', () => {
	const text = hubBanner({
		...base,
		lanUrls: ['http://192.168.1.20:4173/', 'http://10.0.0.5:4173/']
	});
	expect(text).toContain('class data is kept in /data/class (2 saved sessions)');
	expect(text).toContain('students open http://192.168.1.20:4173/class/');
	expect(text).toContain('also on http://10.0.0.5:4173/class/');
	expect(text).toContain('passphrase abcd-efgh-jkmn-pqrs');
	// The QR code: a block of half-block characters, square-ish.
	const qr = text.split('\n').filter((l) => /^ {4}[█▀▄ ]+$/.test(l));
	expect(qr.length).toBeGreaterThan(10);
});

it('says when only this computer can join', () => {
	const text = hubBanner({ ...base, sessions: 1, lanUrls: [] });
	expect(text).toContain('(1 saved session)');
	expect(text).toContain('only this computer can join: http://localhost:4173/class/');
	expect(text).toContain('-- --host');
	expect(text).not.toMatch(/█/);
});

it('builds the join page under a base path', () => {
	expect(classUrl('http://x:1/studydeck/')).toBe('http://x:1/studydeck/class/');
});
