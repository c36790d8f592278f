// The one door to the NLP library: a dynamic import, so compromise (≈ 350 KB) is fetched
// only when a teacher presses "Make drafts", never on the study path (DESIGN.md §6).
import type { ArticleDraft, DraftOptions, Nlp } from './drafts';

export async function draftsFromArticle(
	article: string,
	options?: DraftOptions
): Promise<ArticleDraft[]> {
	const [{ default: nlp }, { makeDrafts }] = await Promise.all([
		import('compromise'),
		import('./drafts')
	]);
	return makeDrafts(nlp as unknown as Nlp, article, options);
}
