import { fetchSetIndex } from '$lib/library/sets';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ sets: await fetchSetIndex(fetch) });
