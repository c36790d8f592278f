// The one door to the NLP library: a dynamic import, so compromise (≈ 350 KB) is fetched
// only when a teacher presses "Make drafts", never on the study path (ARCHITECTURE.md "Performance budgets").
import type { ArticleDraft, DraftOptions, Nlp } from '$lib/core/authoring/article-drafts';

export async function draftsFromArticle(
	article: string,
	options?: DraftOptions
): Promise<ArticleDraft[]> {
	const [{ default: nlp }, { makeDrafts }] = await Promise.all([
		import('compromise'),
		import('$lib/core/authoring/article-drafts')
	]);
	return makeDrafts(nlp as unknown as Nlp, article, options);
}
