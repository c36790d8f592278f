// Finding Chromium. A missing browser is a failure with instructions, never a skip.
import { existsSync } from 'node:fs';

export const CHROMIUM_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

export function chromiumPath(): string {
	const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!existsSync(path))
		throw new Error(
			`Chromium not found at ${path}. The end-to-end tests need a real Chromium: ` +
				`install it with "sudo apt-get install chromium" (Debian/Ubuntu), ` +
				`or set CHROMIUM_PATH to a Chromium or Chrome binary.`
		);
	return path;
}
