// `npx tsx scripts/icons.ts`: renders static/icons/*.svg to the PNG sizes the manifest and
// iOS need, with Chromium (no image tools required). Re-run after changing the SVGs.
import { readFileSync } from 'node:fs';
import { launch } from '../tests/e2e/harness.ts';

const jobs: [svg: string, size: number, out: string][] = [
	['icon.svg', 192, 'icon-192.png'],
	['icon.svg', 512, 'icon-512.png'],
	['maskable.svg', 512, 'maskable-512.png'],
	['maskable.svg', 180, 'apple-touch-icon.png']
];
const browser = await launch();
try {
	for (const [svg, size, out] of jobs) {
		const page = await browser.newPage({ viewport: { width: size, height: size } });
		const markup = readFileSync(`static/icons/${svg}`, 'utf8');
		await page.setContent(
			`<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${markup}`
		);
		await page.screenshot({ path: `static/icons/${out}`, omitBackground: true });
		await page.close();
		console.log(`static/icons/${out}`);
	}
} finally {
	await browser.close();
}
