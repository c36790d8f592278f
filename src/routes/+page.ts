import { fetchSetIndex } from '$lib/platform/catalog/catalog';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ sets: await fetchSetIndex(fetch) });
