import { json } from '@sveltejs/kit';
import { bundledSummaries } from '$lib/server/bundled';

export const prerender = true;

export function GET() {
	return json(bundledSummaries());
}
