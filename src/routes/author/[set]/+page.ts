// Sets being edited live only on this device (IndexedDB), so this page is never
// prerendered and loads its set in the browser (SetEditor); the load just passes the id.
import type { PageLoad } from './$types';

export const prerender = false;

export const load: PageLoad = ({ params }) => ({ id: params.set });
