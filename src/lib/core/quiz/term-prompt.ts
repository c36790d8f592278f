// A flashcard whose front is only a term ("TTP") says what is asked of it.

/** The front as a question: "What does “TTP” mean?" for a bare term, else unchanged. */
export function flashcardQuestion(prompt: string): string {
	const p = prompt.trim();
	const bare = !/[?.!:]$/.test(p) && p.split(/\s+/).length <= 6;
	return bare ? `What does “${p}” mean?` : p;
}
