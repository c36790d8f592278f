import { createCatalog } from '$lib/platform/catalog/catalog';
import type { PageLoad } from './$types';

// Prerendered: the bundled sets only; the page adds this device's sets after mount.
export const load: PageLoad = async ({ fetch }) => ({
	sets: await createCatalog({ fetch }).bundled()
});
