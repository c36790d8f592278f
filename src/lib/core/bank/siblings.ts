// Siblings: questions about one fact (ARCHITECTURE.md "Data"). Asking one gives the others
// away, so a quiz asks one of them and a study day shows one and buries the rest. An explicit
// `group` decides; without one, questions quoting the same source passage are siblings.
import type { Question } from './schema';

type Sibling = Pick<Question, 'id' | 'group' | 'source'>;

/** Keys already made, by question: the quiz setup counts a 10,000-question set's facts on
 * every change of its filters, and normalising each quote was half of that time. Questions
 * are never changed in place (a set is parsed anew when it changes), so a key stays right. */
const made = new WeakMap<Sibling, { setId: string; key: string }>();

/** One key per fact within a set; questions with nothing in common get their own id. */
export function siblingKey(setId: string, q: Sibling): string {
	const hit = made.get(q);
	if (hit?.setId === setId) return hit.key;
	const key = keyOf(setId, q);
	made.set(q, { setId, key });
	return key;
}

function keyOf(setId: string, q: Sibling): string {
	if (q.group) return `g\u0000${setId}\u0000${q.group}`;
	const quote = q.source?.quote?.trim().replace(/\s+/g, ' ').toLowerCase();
	if (quote) return `q\u0000${setId}\u0000${quote}`;
	return `i\u0000${setId}\u0000${q.id}`;
}
