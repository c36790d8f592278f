// The header's app icon is static/favicon.svg copied inline into +layout.svelte (no request
// of its own on a first visit). The two must draw the same picture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

/** Each shape of an SVG, as its tag and its attributes in order. */
function shapes(svg: string): string[] {
	return [...svg.matchAll(/<(rect|path|circle|polygon|line)\b([^>]*?)\/?>/g)].map(
		([, tag, attrs]) =>
			`${tag} ${[...attrs!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => `${k}=${v}`).join(' ')}`
	);
}

test('the inline header icon draws what static/favicon.svg draws', () => {
	const favicon = readFileSync(join(import.meta.dirname, '../../static/favicon.svg'), 'utf8');
	const layout = readFileSync(join(import.meta.dirname, '+layout.svelte'), 'utf8');
	const inline = layout.match(/<a class="brand"[\s\S]*?<svg[\s\S]*?<\/svg\s*>/)?.[0] ?? '';
	expect(shapes(favicon).length).toBeGreaterThan(2);
	expect(shapes(inline)).toEqual(shapes(favicon));
});
