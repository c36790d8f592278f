// Bundle budgets (ARCHITECTURE.md "Performance budgets"): the JS and HTML+CSS that `/` needs on first load.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Bench } from './types.ts';

const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length / 1024;
const round = (n: number) => Math.round(n * 100) / 100;

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
		d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]
	);
}

/** Every JS module the page loads at start: modulepreloads and the start/app imports. */
export function homeAssets(html: string): { js: string[]; css: string[] } {
	const js = new Set<string>();
	for (const m of html.matchAll(/<link[^>]+href="([^"]+\.js)"[^>]*rel="modulepreload"/g))
		js.add(m[1]!);
	for (const m of html.matchAll(/rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) js.add(m[1]!);
	for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) js.add(m[1]!);
	const css = [...html.matchAll(/<link[^>]+href="([^"]+\.css)"/g)].map((m) => m[1]!);
	return { js: [...js], css };
}

const bench: Bench = async ({ buildDir }) => {
	const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
	const { js, css } = homeAssets(html);
	const file = (href: string) => readFileSync(join(buildDir, href.replace(/^\.?\//, '')));
	const homeJs = js.reduce((sum, href) => sum + gz(file(href)), 0);
	const homeCss = css.map((href) => file(href).toString()).join('');
	const allJs = walk(join(buildDir, '_app')).filter((f) => f.endsWith('.js'));
	return [
		{ metric: 'bundle.home_js_gzip_kb', value: round(homeJs), unit: 'KiB', budget: { max: 40 } },
		{ metric: 'bundle.home_js_files', value: js.length, unit: 'files', budget: { max: 12 } },
		{
			metric: 'bundle.home_html_css_gzip_kb',
			value: round(gz(html + homeCss)),
			unit: 'KiB',
			budget: { max: 14 }
		},
		{
			metric: 'bundle.total_js_gzip_kb',
			value: round(allJs.reduce((sum, f) => sum + gz(readFileSync(f)), 0)),
			unit: 'KiB'
		}
	];
};

export default bench;
