// Plain-text worksheets: numbered questions and a separate answer key. A later UI renders
// them as printable HTML; keeping them text here keeps this pure and easy to test.
import type { Question } from '../schema';
import { answerText, frontText } from './answer-text';

export interface Printable {
	questions: string;
	answerKey: string;
}

/** Indents continuation lines under their number. */
const numbered = (n: number, text: string) => {
	const pad = ' '.repeat(String(n).length + 2);
	return `${n}. ${text.split('\n').join(`\n${pad}`)}`;
};

function worksheetText(q: Question): string {
	switch (q.type) {
		case 'short':
		case 'numeric':
			return `${frontText(q)}\n_______________${q.type === 'numeric' && q.unit ? ` ${q.unit}` : ''}`;
		case 'flashcard':
			return `${frontText(q)}\n_______________`;
		case 'multi':
			return `${frontText(q)}\n(choose all that apply)`;
		case 'order':
			return `${frontText(q)}\n(write the letters in order)`;
		case 'match':
			return `${frontText(q)}\n(match each number to a letter)`;
		default:
			return frontText(q);
	}
}

/** A set (or a quiz's questions, already chosen and ordered) as a worksheet and its key. */
export function toPrintable(
	input: { title?: string; questions: readonly Question[] } | readonly Question[]
): Printable {
	const list = 'questions' in input ? input.questions : input;
	const title = 'title' in input && input.title ? `${input.title}\n\n` : '';
	const questions = list.map((q, i) => numbered(i + 1, worksheetText(q))).join('\n\n');
	const answerKey = list.map((q, i) => numbered(i + 1, answerText(q))).join('\n');
	return {
		questions: `${title}${questions}\n`,
		answerKey: `${title ? `${title.trim()}: answer key\n\n` : ''}${answerKey}\n`
	};
}
