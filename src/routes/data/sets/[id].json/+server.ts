import { error, json } from '@sveltejs/kit';
import { bundledSet, bundledSets } from '$lib/server/bundled';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => bundledSets().map((s) => ({ id: s.id }));

export const GET: RequestHandler = ({ params }) => {
	const set = bundledSet(params.id);
	if (!set) error(404, `No bundled set "${params.id}"`);
	return json(set);
};
