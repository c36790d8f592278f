// Sets being edited live only on the device, so this page is never prerendered.
export const prerender = false;

import { loadSetOr404 } from '$lib/library/load-set';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
	set: await loadSetOr404(fetch, params.set)
});
