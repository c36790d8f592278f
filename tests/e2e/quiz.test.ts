// The quiz screens end to end: a seeded quiz holding every question type, answered by
// clicks (practice) and by keyboard (exam), some answers right and some wrong on purpose.
// The same seed gives the same quiz in node and in the browser, so the expected score is
// computed here with the app's own generator and grader.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../scripts/lib/server.ts';
import { generateQuiz } from '../../src/lib/core/quiz/generate.ts';
import { expectedResponse, gradeAnswer } from '../../src/lib/core/quiz/grade.ts';
import type { AskedQuestion, Quiz, QuizMode, QuizResponse } from '../../src/lib/core/quiz/types.ts';
import { launch, openPage, readStore, serve, bundledSet } from './harness.ts';
import { siblingKey } from '../../src/lib/core/bank/siblings.ts';
import { answerByClicks } from './answer.ts';

const SET_ID = 'ttp-peace-talks';
const SET = bundledSet(SET_ID);
const COUNT = 10;

/** The first seed whose quiz of COUNT asks every one of the nine types. */
function seedWithEveryType(mode: QuizMode): { seed: string; quiz: Quiz } {
	for (let i = 0; i < 10_000; i++) {
		const quiz = generateQuiz([SET], { count: COUNT, mode, seed: `E2E${i}` });
		if (new Set(quiz.items.map((it) => it.asked.type)).size === 9) return { seed: quiz.seed, quiz };
	}
	throw new Error('no seed asks every type');
}

/** A wrong answer of the right shape (partial credit is computed, not assumed). */
function wrongResponse(asked: AskedQuestion): QuizResponse {
	switch (asked.type) {
		case 'mcq':
			return (asked.answer + 1) % asked.options.length;
		case 'multi':
			// The right ones but the first, plus one wrong one: partly right.
			return [
				...asked.answers.slice(1),
				asked.options.findIndex((_, i) => !asked.answers.includes(i))
			].sort((a, b) => a - b);
		case 'truefalse':
			return !asked.answer;
		case 'short':
			return 'Nothing like it';
		case 'numeric':
			return String(asked.answer + asked.tolerance + 1000);
		case 'cloze':
			return asked.blanks.map((b, i) => (i === 0 ? 'wrong' : b.answer));
		case 'order':
			return asked.items.map((_, i) => i); // as shown, never the right order
		case 'match':
			return asked.answer.map((a, i) => (i < 2 ? asked.answer[(i + 1) % 2]! : a));
		case 'flashcard':
			return 1;
	}
}

/** Which questions to get wrong on purpose. */
const planWrong = (i: number) => i % 3 === 1;

function plannedResponse(asked: AskedQuestion, i: number): QuizResponse {
	return planWrong(i) ? wrongResponse(asked) : expectedResponse(asked);
}

function expectedScore(quiz: Quiz) {
	const grades = quiz.items.map((it, i) => gradeAnswer(it.asked, plannedResponse(it.asked, i)));
	// Flashcards rated by the student ("How well did you know it?") are not scored.
	const scored = quiz.items.map((it) => it.asked.type !== 'flashcard');
	const score = grades.reduce((s, g, i) => s + (scored[i] ? g.score : 0), 0);
	const max = scored.filter(Boolean).length;
	return {
		grades,
		score,
		max,
		selfGraded: quiz.items.length - max,
		points: String(Math.round(score * 100) / 100),
		percent: Math.round((score / max) * 100)
	};
}

/** Answers one question with the keyboard only. */
async function answerByKeyboard(page: Page, asked: AskedQuestion, response: QuizResponse) {
	const kb = page.keyboard;
	const main = page.getByRole('main');
	switch (asked.type) {
		case 'mcq':
			await kb.press(String((response as number) + 1));
			break;
		case 'multi':
			for (const i of response as number[]) await kb.press(String(i + 1));
			break;
		case 'truefalse':
			await kb.press(response ? '1' : '2');
			break;
		case 'short':
		case 'numeric':
			await kb.press('Tab'); // from the question heading to the answer field
			await kb.type(response as string);
			break;
		case 'cloze':
			for (const text of response as string[]) {
				await kb.press('Tab');
				await kb.type(text);
			}
			break;
		case 'order': {
			const want = response as number[];
			const now = asked.items.map((_, i) => i);
			for (let pos = 0; pos < want.length; pos++) {
				let at = now.indexOf(want[pos]!);
				const button = main.getByRole('button', {
					name: `Move '${asked.items[want[pos]!]}' up`,
					exact: true
				});
				if (at > pos) await button.focus();
				while (at > pos) {
					// Focus stays on the moved item's button, so Enter moves it again.
					await kb.press('Enter');
					[now[at - 1], now[at]] = [now[at]!, now[at - 1]!];
					at--;
				}
			}
			break;
		}
		case 'match':
			// Tap-to-pair by keyboard: Enter on the item, then Enter on its answer.
			for (const [i, r] of (response as number[]).entries()) {
				await main
					.getByRole('list', { name: 'Items' })
					.getByRole('button', { name: asked.left[i]!, exact: true })
					.focus();
				await kb.press('Enter');
				await main
					.getByRole('list', { name: 'Answers' })
					.getByRole('button', { name: asked.right[r]!, exact: true })
					.focus();
				await kb.press('Space');
			}
			break;
		case 'flashcard':
			await kb.press('Tab'); // to "Show answer"
			await kb.press('Space');
			await kb.press(String(response));
			break;
	}
}

function storedAttempts(page: Page) {
	return readStore<{
		finishedAt: number | null;
		score: number;
		maxScore: number;
		answers: { grade?: { correct: boolean; score: number } }[];
		questions: { key: string; quiz?: { seed: string; mode: string } }[];
	}>(page, 'attempts', 'getAll');
}

function countReviews(page: Page): Promise<number> {
	return readStore(page, 'reviews', 'count');
}

const heading = (page: Page) => page.locator('#question-h');

function shownPrompt(asked: AskedQuestion) {
	return asked.type === 'cloze' ? 'Fill in the blanks' : asked.prompt;
}

let browser: Browser;
let server: Running;

beforeAll(async () => {
	browser = await launch();
	server = await serve();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

describe('quiz', () => {
	test('practice by clicks: feedback per question, resume after reload, score and storage', async () => {
		const { seed, quiz } = seedWithEveryType('practice');
		const want = expectedScore(quiz);
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}quiz/${SET_ID}/?seed=${seed}&count=${COUNT}`);
		await page.getByRole('button', { name: 'Start quiz' }).waitFor();
		await expect(page.getByRole('textbox', { name: /Seed/ }).inputValue()).resolves.toBe(seed);
		// Siblings (one fact asked several ways) count once.
		const facts = generateQuiz([SET], { count: 0, mode: 'practice', seed: 'X' }).available;
		expect(facts).toBeLessThan(SET.questions.length);
		await page.getByText(`${facts} questions match`).waitFor();
		await page.getByRole('button', { name: 'Start quiz' }).click();

		for (const [i, it] of quiz.items.entries()) {
			if (i === 4) {
				// A reload mid-quiz offers to resume at the same question.
				await page.reload();
				await page.getByText(`you were on question 5 of ${COUNT}`).waitFor();
				await page.getByRole('button', { name: 'Resume quiz' }).click();
			}
			await page.getByText(`Question ${i + 1} of ${COUNT}`).waitFor();
			await expect(heading(page).textContent()).resolves.toContain(shownPrompt(it.asked));
			await answerByClicks(page, it.asked, plannedResponse(it.asked, i));
			if (it.asked.type !== 'flashcard') await page.getByRole('button', { name: 'Check' }).click();
			const feedback = page.getByRole('region', { name: 'Feedback' });
			await feedback.waitFor();
			const g = want.grades[i]!;
			const verdict = await feedback.locator('.verdict').textContent();
			if (it.asked.type === 'flashcard') expect(verdict).toMatch(/rated this yourself/);
			else if (g.correct) expect(verdict).toMatch(/Correct/);
			else expect(verdict).toMatch(/Not quite|Partly right/);
			if (it.asked.quote) await expect(feedback.locator('blockquote').count()).resolves.toBe(1);
			// Focus moved to the feedback.
			await expect(
				page.evaluate(() => document.activeElement?.getAttribute('aria-label'))
			).resolves.toBe('Feedback');
			await page.getByRole('button', { name: i === COUNT - 1 ? 'See results' : 'Next' }).click();
		}

		await page.getByRole('heading', { name: 'Results' }).waitFor();
		await page.getByText(`${want.percent}%`, { exact: true }).waitFor();
		await page.getByText(`${want.points} of ${want.max} points`).waitFor();
		// The answers from before the reload are in the review.
		await expect(page.locator('.review li').count()).resolves.toBe(COUNT);
		// A flashcard the student rated is shown as such, not as right or wrong.
		await expect(
			page.locator('.review li .verdict', { hasText: /^\s*Self-graded: \w+ · not scored/ }).count()
		).resolves.toBe(want.selfGraded);

		// The results show at once; the write follows.
		await expect
			.poll(async () => (await storedAttempts(page)).map((a) => a.finishedAt !== null))
			.toEqual([true]);
		const attempts = await storedAttempts(page);
		expect(attempts).toHaveLength(1);
		const [a] = attempts;
		expect(a!.finishedAt).not.toBeNull();
		expect(a!.score).toBeCloseTo(want.score, 9);
		expect(a!.maxScore).toBe(want.max);
		expect(want.selfGraded).toBeGreaterThan(0);
		expect(a!.questions.map((q) => q.key)).toEqual(quiz.items.map((it) => it.key));
		expect(a!.questions[0]!.quiz).toMatchObject({ seed, mode: 'practice' });
		expect(a!.answers.map((x) => x.grade?.correct)).toEqual(want.grades.map((g) => g.correct));
		// Every answer moved its question's card.
		await expect.poll(() => countReviews(page)).toBe(COUNT);

		// The set page lists it.
		await page.goto(`${server.url}sets/${SET_ID}/`);
		const past = page.getByRole('region', { name: 'Past quizzes' });
		await past.getByText(`${want.percent}%`).waitFor();
		await expect(past.getByText('Practice').count()).resolves.toBe(1);
		expect(errors).toEqual([]);
	});

	test('exam by keyboard: no feedback until the end, back works, retry missed', async () => {
		const { seed, quiz } = seedWithEveryType('exam');
		const want = expectedScore(quiz);
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}quiz/${SET_ID}/?seed=${seed}`);
		await page.getByRole('button', { name: 'Start quiz' }).waitFor();
		await page.getByRole('radio', { name: /Exam/ }).focus();
		await page.keyboard.press('Space');
		await page.getByRole('button', { name: 'Start quiz' }).focus();
		await page.keyboard.press('Enter');

		for (const [i, it] of quiz.items.entries()) {
			await page.getByText(`Question ${i + 1} of ${COUNT}`).waitFor();
			await expect(heading(page).textContent()).resolves.toContain(shownPrompt(it.asked));
			// The question heading has focus, so typing starts from it.
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('question-h');
			await answerByKeyboard(page, it.asked, plannedResponse(it.asked, i));
			await expect(page.getByRole('region', { name: 'Feedback' }).count()).resolves.toBe(0);
			if (i === 2) {
				// Back to question 2 and forward again: its answer is kept.
				await page.getByRole('button', { name: 'Back' }).focus();
				await page.keyboard.press('Enter');
				await page.getByText(`Question 2 of ${COUNT}`).waitFor();
				await heading(page).focus();
				await page.keyboard.press('Enter');
				await page.getByText(`Question 3 of ${COUNT}`).waitFor();
			}
			// Enter from the heading or an answer field advances.
			if (it.asked.type === 'match' || it.asked.type === 'order' || it.asked.type === 'flashcard')
				await heading(page).focus();
			await page.keyboard.press('Enter');
		}

		await page.getByRole('heading', { name: 'Results' }).waitFor();
		await page.getByText(`${want.percent}%`, { exact: true }).waitFor();
		await page.getByText(`${want.points} of ${want.max} points`).waitFor();
		// The results show at once; the write follows.
		await expect
			.poll(async () => (await storedAttempts(page)).map((a) => a.finishedAt !== null))
			.toEqual([true]);
		const attempts = await storedAttempts(page);
		expect(attempts).toHaveLength(1);
		expect(attempts[0]!.score).toBeCloseTo(want.score, 9);
		expect(attempts[0]!.answers.map((x) => x.grade?.score)).toEqual(
			want.grades.map((g) => g.score)
		);
		await expect.poll(() => countReviews(page)).toBe(COUNT);

		const missed = want.grades.filter((g) => !g.correct).length;
		await page.getByRole('button', { name: `Retry missed (${missed})` }).click();
		await page.getByText(`Question 1 of ${missed}`).waitFor();
		const missedPrompts = quiz.items
			.filter((_, i) => !want.grades[i]!.correct)
			.map((it) => shownPrompt(it.asked));
		const first = (await heading(page).textContent())?.trim();
		expect(missedPrompts).toContain(first);
		expect(errors).toEqual([]);
	});

	test('a quiz never asks two questions about one fact', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}quiz/${SET_ID}/?count=40&seed=SIBLINGS`);
		await page.getByRole('radio', { name: /Exam/ }).check();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await page.getByText('Question 1 of 40').waitFor();
		// The quiz is stored as soon as it starts.
		await expect.poll(async () => (await storedAttempts(page)).length).toBe(1);
		const [attempt] = await storedAttempts(page);
		const ids = attempt!.questions.map((q) => (q as unknown as { questionId: string }).questionId);
		const byId = new Map(SET.questions.map((q) => [q.id, q]));
		const keys = ids.map((id) => siblingKey(SET_ID, byId.get(id)!));
		expect(ids).toHaveLength(40);
		expect(new Set(keys).size).toBe(40);
		expect(errors).toEqual([]);
	});

	test("a term-only flashcard says what is asked; the student's rating is not scored", async () => {
		// A seed whose first question is a flashcard with a bare term for a front.
		let seed = '';
		let term = '';
		for (let i = 0; !seed; i++) {
			const q = generateQuiz([SET], { count: 1, mode: 'practice', seed: `TERM${i}` });
			const asked = q.items[0]!.asked;
			if (asked.type === 'flashcard' && !/[?.]$/.test(asked.prompt)) {
				seed = q.seed;
				term = asked.prompt;
			}
		}
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}quiz/${SET_ID}/?count=1&seed=${seed}`);
		await page.getByRole('button', { name: 'Start quiz' }).click();
		expect((await heading(page).textContent())?.trim()).toBe(`What does “${term}” mean?`);
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: 'Easy', exact: true }).click();
		await page.getByRole('button', { name: 'See results' }).click();
		await page.getByText('1 flashcard you graded yourself is not in the score.').waitFor();
		await page.getByText('0 of 0 points').waitFor();
		// The review asks it the same way.
		expect((await page.locator('.review > li .prompt').first().textContent())?.trim()).toBe(
			`What does “${term}” mean?`
		);
		expect(errors).toEqual([]);
	});

	test('finished quizzes reopen: Back from a paragraph, Past quizzes and Recent quizzes', async () => {
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}quiz/${SET_ID}/?count=2&seed=REOPEN`);
		await page.getByRole('radio', { name: /Exam/ }).check();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await page.getByText('Question 1 of 2').waitFor();
		const leave = await page.getByRole('link', { name: 'Leave the quiz' }).boundingBox();
		expect(leave!.height).toBeGreaterThanOrEqual(24);
		await page.getByRole('button', { name: 'Next' }).click();
		await page.getByRole('button', { name: 'Finish quiz' }).click();
		await page.getByRole('button', { name: 'Finish anyway' }).click();
		await page.getByRole('heading', { name: 'Results' }).waitFor();
		const attempt = new URL(page.url()).searchParams.get('attempt');
		expect(attempt).toMatch(/^quiz-/);
		const attemptOf = () => new URL(page.url()).searchParams.get('attempt');
		const reviewed = await page.locator('.review > li').count();
		expect(reviewed).toBe(2);

		// Links standing alone meet WCAG 2.2 target size (24 px).
		const box = await page
			.getByRole('link', { name: /^Read paragraph/ })
			.first()
			.boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(24);
		// Read a paragraph, then Back: the results and their review are there again.
		await page
			.getByRole('link', { name: /^Read paragraph/ })
			.first()
			.click();
		await page.waitForURL(/\/read\//);
		await page.locator(`#${new URL(page.url()).hash.slice(1)}`).waitFor();
		await page.goBack();
		await page.getByRole('heading', { name: 'Results' }).waitFor();
		expect(await page.locator('.review > li').count()).toBe(reviewed);
		expect(await page.getByRole('heading', { name: 'New quiz' }).count()).toBe(0);

		// The set page's list opens them.
		await page.goto(`${server.url}sets/${SET_ID}/`);
		// Question types are named in words, never by their internal names.
		await page.getByText('Multiple choice').first().waitFor();
		expect(await page.getByRole('main').textContent()).not.toMatch(
			/\b(mcq|multi|truefalse|numeric|cloze|flashcard)\b/
		);
		await page
			.getByRole('region', { name: 'Past quizzes' })
			.getByRole('link', { name: /^Results of exam/ })
			.click();
		await page.getByRole('heading', { name: 'Results' }).waitFor();
		expect(attemptOf()).toBe(attempt);

		// So does Home's.
		await page.goto(server.url);
		await page
			.getByRole('region', { name: 'Recent quizzes' })
			.getByRole('link', { name: SET.title })
			.click();
		await page.getByRole('heading', { name: 'Results' }).waitFor();
		expect(attemptOf()).toBe(attempt);

		// "New quiz" leaves the results' address.
		await page.getByRole('button', { name: 'New quiz' }).click();
		await page.getByRole('heading', { name: 'New quiz' }).waitFor();
		await expect.poll(attemptOf).toBe(null);
		expect(errors).toEqual([]);
	});

	test('exam: Enter never skips an unanswered question; finishing with gaps asks once', async () => {
		// An order question's shown list is already an answer (it scores 0 until moved), so
		// pick a seed whose two questions start unanswered.
		let seed = '';
		for (let i = 0; !seed; i++) {
			const q = generateQuiz([SET], { count: 2, mode: 'exam', seed: `ENTER${i}` });
			if (q.items.every((it) => it.asked.type !== 'order')) seed = q.seed;
		}
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}quiz/${SET_ID}/?count=2&seed=${seed}`);
		await page.getByRole('radio', { name: /Exam/ }).check();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await page.getByText('Question 1 of 2').waitFor();
		await page.keyboard.press('Enter'); // focus is on the question heading
		await page.getByText('No answer yet.').waitFor();
		expect(await page.getByText('Question 1 of 2').count()).toBe(1);
		await page.getByRole('button', { name: 'Next' }).click(); // a deliberate skip
		await page.getByText('Question 2 of 2').waitFor();
		await page.getByRole('button', { name: 'Finish quiz' }).click();
		await page
			.getByText(
				'2 questions have no answer. Press “Finish anyway” to end the quiz, or Back to answer.'
			)
			.waitFor();

		expect(await page.getByRole('heading', { name: 'Results' }).count()).toBe(0);
		await page.getByRole('button', { name: 'Finish anyway' }).click();
		await page.getByRole('heading', { name: 'Results' }).waitFor();
		expect(errors).toEqual([]);
	});

	test('a one-question exam left blank says to answer it, not to go Back', async () => {
		let seed = '';
		for (let i = 0; !seed; i++) {
			const q = generateQuiz([SET], { count: 1, mode: 'exam', seed: `ONE${i}` });
			if (q.items[0]!.asked.type !== 'order') seed = q.seed;
		}
		const { page, errors } = await openPage(browser);
		await page.goto(`${server.url}quiz/${SET_ID}/?count=1&seed=${seed}`);
		await page.getByRole('radio', { name: /Exam/ }).check();
		await page.getByRole('button', { name: 'Start quiz' }).click();
		await page.getByRole('button', { name: 'Finish quiz' }).click();
		await page
			.getByText(
				'1 question has no answer. Press “Finish anyway” to end the quiz, or answer it first.'
			)
			.waitFor();
		expect(await page.getByRole('button', { name: 'Back' }).isDisabled()).toBe(true);
		expect(errors).toEqual([]);
	});

	test('an exam with a time limit counts down and finishes by itself', async () => {
		// No order question: its shown list counts as an answer and may earn points.
		let seed = '';
		for (let i = 0; !seed; i++) {
			const q = generateQuiz([SET], { count: 3, mode: 'exam', seed: `CLOCK${i}` });
			if (q.items.every((it) => it.asked.type !== 'order')) seed = q.seed;
		}
		const { page, errors } = await openPage(browser);
		await page.clock.install();
		await page.goto(`${server.url}quiz/${SET_ID}/?count=3&seed=${seed}`);
		await page.getByRole('radio', { name: /Exam/ }).check();
		await page.getByRole('spinbutton', { name: /Time limit/ }).fill('1');
		await page.getByRole('button', { name: 'Start quiz' }).click();
		// The fake clock still flows in real time, so allow a few seconds of a busy machine.
		const secondsLeft = async () => {
			const [m, s] = (await page.getByRole('timer').textContent())!.trim().split(':');
			return Number(m) * 60 + Number(s);
		};
		await page.getByRole('timer').waitFor();
		expect(await secondsLeft()).toBeGreaterThan(50);
		expect(await secondsLeft()).toBeLessThanOrEqual(60);
		await page.clock.runFor(30_000);
		expect(await secondsLeft()).toBeGreaterThan(20);
		expect(await secondsLeft()).toBeLessThanOrEqual(30);
		await page
			.getByRole('heading', { name: 'Results' })
			.count()
			.then((n) => expect(n).toBe(0));
		await page.clock.runFor(31_000);
		await page.getByRole('heading', { name: 'Results' }).waitFor();
		await page.getByText('0 of 3 points').waitFor();
		expect(errors).toEqual([]);
	});
});
