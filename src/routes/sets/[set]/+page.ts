import { loadSetOr404 } from '$lib/platform/catalog/load-set';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
	set: await loadSetOr404(fetch, params.set)
});
