// Keyboard shortcuts, one definition for study, quiz and class quiz (ARCHITECTURE.md
// "Wiring"): what counts as typing, which elements keep their own Space/Enter, and what a
// digit key answers on a question. Anki-like: Space/Enter reveal or go on, 1–4 rate,
// digits pick options.
import type { AskedQuestion, QuizResponse } from '$lib/core/quiz/types';

const TYPING =
	'textarea, select, [contenteditable=""], [contenteditable="true"], input:not([type="radio"]):not([type="checkbox"]):not([type="button"]):not([type="submit"])';
const INTERACTIVE =
	'a[href], button, input, select, textarea, summary, [contenteditable=""], [contenteditable="true"], [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="tab"]';

function element(target: EventTarget | null): Element | null {
	return target instanceof Element ? target : null;
}

/** The key goes into a text field: shortcuts leave it alone. */
export function isTyping(e: KeyboardEvent): boolean {
	return e.isComposing || !!element(e.target)?.closest(TYPING);
}

/** A focused control (button, link, field…) does its own thing with Space and Enter. */
export function ownsActivation(e: KeyboardEvent): boolean {
	return !!element(e.target)?.closest(INTERACTIVE);
}

/** A modifier is held (Ctrl, Cmd, Alt): browser and system shortcuts win. */
export function hasModifier(e: KeyboardEvent): boolean {
	return e.ctrlKey || e.metaKey || e.altKey;
}

/** "Ask how sure I am": S says Sure, N says Not sure. */
export function confidenceOf(e: KeyboardEvent): 'sure' | 'unsure' | undefined {
	const k = e.key.toLowerCase();
	return k === 's' ? 'sure' : k === 'n' ? 'unsure' : undefined;
}

/** The 1-based digit pressed, if any. */
export function digitOf(e: KeyboardEvent): number | undefined {
	return /^[1-9]$/.test(e.key) ? Number(e.key) : undefined;
}

/**
 * What digit `d` answers on a question: option d (multiple choice), True/False (1/2),
 * toggles option d (several answers), or the self-rating d (a revealed flashcard).
 * Undefined when the digit means nothing here.
 */
export function digitAnswer(
	asked: AskedQuestion,
	d: number,
	current: QuizResponse,
	revealed: boolean
): QuizResponse | undefined {
	switch (asked.type) {
		case 'mcq':
			return d <= asked.options.length ? d - 1 : undefined;
		case 'truefalse':
			return d <= 2 ? d === 1 : undefined;
		case 'multi': {
			if (d > asked.options.length) return undefined;
			const cur = Array.isArray(current) ? (current as number[]) : [];
			return cur.includes(d - 1)
				? cur.filter((x) => x !== d - 1)
				: [...cur, d - 1].sort((a, b) => a - b);
		}
		case 'flashcard':
			return (revealed || current) && d <= 4 ? d : undefined;
		default:
			return undefined;
	}
}
