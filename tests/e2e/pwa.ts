import type { Page } from 'playwright-core';

/** Waits until a service worker controls the page and has finished precaching. */
export async function waitForOfflineReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller)
			await new Promise((r) =>
				navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })
			);
	});
}

export function cacheNames(page: Page): Promise<string[]> {
	return page.evaluate(() => caches.keys());
}
