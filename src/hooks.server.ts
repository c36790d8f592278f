// Runs while pages are prerendered (adapter-static; there is no server at run time).
//
// The set page and the quiz setup show what they show first (the set's title, description
// and counts) as prerendered HTML. Kit would also inline the whole set (66 KB of JSON,
// 11 KB compressed) so that hydration need not fetch it: the page's HTML grew from 4.6 to
// 15.5 KB compressed, past a first round trip's worth, and everything else waited behind it
// (Lighthouse's mobile simulation: the set page's LCP 1.85 s with it, 1.53–1.70 s without).
// Without it, hydration fetches the set, from the service worker's precache after the first
// visit. The study page keeps it: its card needs the set before it can show anything.
import type { Handle } from '@sveltejs/kit';

/** Routes whose HTML does not carry their set. */
const SET_FETCHED_ON_HYDRATION = new Set(['/sets/[set]', '/quiz/[set]']);

/** The set Kit inlines for hydration: `data-url` is the set's JSON endpoint. */
const INLINED_SET =
	/<script type="application\/json" data-sveltekit-fetched data-url="[^"]*\/data\/sets\/[^"/]+\.json">[\s\S]*?<\/script>/;

export const handle: Handle = ({ event, resolve }) =>
	resolve(
		event,
		SET_FETCHED_ON_HYDRATION.has(event.route.id ?? '')
			? { transformPageChunk: ({ html }) => html.replace(INLINED_SET, '') }
			: {}
	);
