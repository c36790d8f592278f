// `npx tsx scripts/screenshots.ts /route/ …`: phone-size (390×844) screenshots of the
// production build in light and dark, for looking at a page as a person would.
// Writes tmp/shots/<route>-<scheme>.png.
import { mkdirSync } from 'node:fs';
import { launch, openPage, serve } from '../tests/e2e/harness.ts';

const routes = process.argv.slice(2);
if (routes.length === 0) routes.push('/');
mkdirSync('tmp/shots', { recursive: true });
const browser = await launch();
const server = await serve();
try {
	for (const scheme of ['light', 'dark'] as const) {
		for (const route of routes) {
			const { page, errors, context } = await openPage(browser, { colorScheme: scheme });
			await page.goto(new URL(route.replace(/^\//, ''), server.url).href);
			await page.waitForLoadState('networkidle');
			const name = route.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
			const file = `tmp/shots/${name}-${scheme}.png`;
			await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
			console.log(file, errors.length ? `console errors: ${errors.join(' | ')}` : '');
			await context.close();
		}
	}
} finally {
	await browser.close();
	await server.close();
}
