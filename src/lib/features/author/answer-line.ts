// One line saying a question's answer, for lists (drafts, the question list).
import { clozeBlanks } from '$lib/core/bank/cloze';
import type { Question } from '$lib/core/bank/schema';

export function answerLine(q: Question): string {
	switch (q.type) {
		case 'mcq':
			return `Answer: ${q.options[q.answer] ?? ''}`;
		case 'multi':
			return `Answers: ${q.answers.map((i) => q.options[i]).join('; ')}`;
		case 'truefalse':
			return q.answer ? 'Answer: true' : 'Answer: false';
		case 'short':
			return `Answer: ${q.answers[0] ?? ''}`;
		case 'numeric':
			return `Answer: ${q.answer}${q.tolerance ? ` ± ${q.tolerance}` : ''}${q.unit ? ` ${q.unit}` : ''}`;
		case 'cloze':
			return `Blank: ${clozeBlanks(q.prompt)
				.map((b) => b.answer)
				.join('; ')}`;
		case 'order':
			return `${q.items.length} items`;
		case 'match':
			return `${q.pairs.length} pairs`;
		case 'flashcard':
			return `Back: ${q.back}`;
	}
}
