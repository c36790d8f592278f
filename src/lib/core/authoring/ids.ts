// Ids for new sets and questions: valid for the schema, never a taken one. (The importers
// have their own allocator in bank/formats; this one keeps formats/ off the author list.)
import { LIMITS } from '$lib/core/bank/schema';

const RESERVED = new Set(['constructor', 'prototype', 'hasownproperty', 'tostring', 'valueof']);

/** A title as an id: lower case, letters and digits joined by "-". */
export function slugify(title: string, fallback = 'set'): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, LIMITS.idLength - 4)
		.replace(/-+$/, '');
	return slug && !RESERVED.has(slug) ? slug : fallback;
}

/** `base`, or `base-2`, `base-3`, … whichever is not taken (case-insensitively). */
export function uniqueId(base: string, taken: Iterable<string>): string {
	const used = new Set([...taken].map((t) => t.toLowerCase()));
	if (!used.has(base.toLowerCase())) return base;
	for (let n = 2; ; n++) {
		const suffix = `-${n}`;
		const id = base.slice(0, LIMITS.idLength - suffix.length) + suffix;
		if (!used.has(id.toLowerCase())) return id;
	}
}
