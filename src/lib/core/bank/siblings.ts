// Siblings: questions about one fact (ARCHITECTURE.md "Data"). Asking one gives the others
// away, so a quiz asks one of them and a study day shows one and buries the rest. An explicit
// `group` decides; without one, questions quoting the same source passage are siblings.
import type { Question } from './schema';

/** One key per fact within a set; questions with nothing in common get their own id. */
export function siblingKey(setId: string, q: Pick<Question, 'id' | 'group' | 'source'>): string {
	if (q.group) return `g\u0000${setId}\u0000${q.group}`;
	const quote = q.source?.quote?.trim().replace(/\s+/g, ' ').toLowerCase();
	if (quote) return `q\u0000${setId}\u0000${quote}`;
	return `i\u0000${setId}\u0000${q.id}`;
}
