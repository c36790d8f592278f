// Answering any question on the quiz or class-quiz screen the way a student does with a
// mouse: click options, fill boxes, move order items, tap match pairs.
import type { Page } from 'playwright-core';
import type { AskedQuestion, QuizResponse } from '../../src/lib/core/quiz/types.ts';

/** Answers one question with the mouse (clicks, fills, selects). */
export async function answerByClicks(page: Page, asked: AskedQuestion, response: QuizResponse) {
	const main = page.getByRole('main');
	switch (asked.type) {
		case 'mcq':
			await main
				.getByRole('radio', { name: asked.options[response as number]!, exact: true })
				.check();
			break;
		case 'multi':
			for (const i of response as number[])
				await main.getByRole('checkbox', { name: asked.options[i]!, exact: true }).check();
			break;
		case 'truefalse':
			await main.getByRole('radio', { name: response ? 'True' : 'False', exact: true }).check();
			break;
		case 'short':
			await main.getByRole('textbox', { name: 'Your answer' }).fill(response as string);
			break;
		case 'numeric':
			await main.getByRole('textbox', { name: 'Your answer (a number)' }).fill(response as string);
			break;
		case 'cloze':
			for (const [i, text] of (response as string[]).entries())
				await main.getByRole('textbox', { name: new RegExp(`^Blank ${i + 1}\\b`) }).fill(text);
			break;
		case 'order': {
			// Selection sort with "Move up" buttons: bring each wanted item to its place.
			const want = response as number[];
			const now = asked.items.map((_, i) => i);
			for (let pos = 0; pos < want.length; pos++) {
				let at = now.indexOf(want[pos]!);
				while (at > pos) {
					await main
						.getByRole('button', { name: `Move '${asked.items[want[pos]!]}' up`, exact: true })
						.click();
					[now[at - 1], now[at]] = [now[at]!, now[at - 1]!];
					at--;
				}
			}
			break;
		}
		case 'match':
			// Tap-to-pair: the item, then its answer.
			for (const [i, r] of (response as number[]).entries()) {
				await main
					.getByRole('list', { name: 'Items' })
					.getByRole('button', { name: asked.left[i]!, exact: true })
					.click();
				await main
					.getByRole('list', { name: 'Answers' })
					.getByRole('button', { name: asked.right[r]!, exact: true })
					.click();
			}
			break;
		case 'flashcard':
			await main.getByRole('button', { name: 'Show answer' }).click();
			await main
				.getByRole('button', {
					name: ['', 'Again', 'Hard', 'Good', 'Easy'][response as number]!,
					exact: true
				})
				.click();
			break;
	}
}

/** A wrong answer of the right shape for any question (its score is computed, not assumed). */
export function wrongResponse(asked: AskedQuestion): QuizResponse {
	switch (asked.type) {
		case 'mcq':
			return (asked.answer + 1) % asked.options.length;
		case 'multi':
			return [asked.options.findIndex((_, i) => !asked.answers.includes(i))];
		case 'truefalse':
			return !asked.answer;
		case 'short':
			return 'Nothing like it';
		case 'numeric':
			return String(asked.answer + asked.tolerance + 1000);
		case 'cloze':
			return asked.blanks.map(() => 'wrong');
		case 'order':
			return asked.items.map((_, i) => i);
		case 'match':
			return asked.answer.map((a, i) => (i < 2 ? asked.answer[(i + 1) % 2]! : a));
		case 'flashcard':
			return 1;
	}
}
