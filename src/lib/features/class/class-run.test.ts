// The teacher's setup: options → a code every student's device decodes to the same spec.
import { describe, expect, it } from 'vitest';
import { ClassRunSetup, qrDataUrl } from './class-run.svelte';
import { memoryCatalog } from '$lib/platform/test-deps';
import { decodeClassQuiz } from '$lib/core/classroom/code';
import { classSet, validSet } from '$lib/core/classroom/fixtures';
import { codeMeansQuiz } from '$lib/core/classroom/typed-code';
import { decodeSetLink } from '$lib/core/classroom/share';

const SET = classSet();
function setup() {
	let n = 0;
	return new ClassRunSetup({
		catalog: memoryCatalog([SET]),
		entropy: () => [(++n % 10) / 10, 0.2, 0.3, 0.4, 0.5, 0.6]
	});
}

describe('ClassRunSetup', () => {
	it('makes a code, link and QR code for the chosen options', async () => {
		const s = setup();
		await s.load();
		expect(s.phase).toBe('setup');
		expect(s.set?.id).toBe(SET.id);
		expect(s.available).toBe(SET.questions.length);
		s.count = 5;
		s.mode = 'exam';
		s.timeLimitMinutes = 20;
		s.toggleTag('talks');
		s.toggleTag('places');
		expect(s.available).toBe(2);
		s.shufflePerStudent = true;
		const made = s.create('http://192.168.1.20:4173/')!;
		expect(s.phase).toBe('code');
		// Filters: no short code; the teacher's own set rides in the link.
		expect(made.shown).toBe(made.code);
		expect(made.url.startsWith(`http://192.168.1.20:4173/class/?join=${made.code}#set=`)).toBe(
			true
		);
		expect(made.qr).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
		const d = decodeClassQuiz(made.code);
		expect(d.ok && d.value).toMatchObject({
			setId: SET.id,
			setVersion: 1,
			shufflePerStudent: true,
			// Count is capped at what matches.
			options: { count: 2, mode: 'exam', timeLimitMinutes: 20, tags: ['talks', 'places'] }
		});
		// A new code after changing options is a new quiz (new seed).
		s.edit();
		const again = s.create('http://x/')!;
		expect(again.spec.seed).not.toBe(made.spec.seed);
		expect(again.code).not.toBe(made.code);
	});

	it('practice drops the time limit; no matching questions is said plainly', async () => {
		const s = setup();
		await s.load();
		s.mode = 'practice';
		s.timeLimitMinutes = 10;
		const made = s.create('http://x')!;
		expect(made.spec.options).toEqual({ count: 8, mode: 'practice' });
		s.edit();
		s.tags = ['no-such-topic'];
		expect(s.create('http://x')).toBeUndefined();
		expect(s.problem).toMatch(/No questions match/);
	});

	it('a QR code that cannot hold the text is undefined', () => {
		expect(qrDataUrl('x'.repeat(5000))).toBeUndefined();
	});
});

describe('ClassRunSetup codes for the board', () => {
	it('shows a 12-character short code when the quiz fits, the long code and why when not', async () => {
		const s = setup();
		await s.load();
		s.count = 4;
		const made = s.create('http://192.168.1.20:4173')!;
		expect(made.short).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect(made.shown).toBe(made.short);
		expect(made.shortProblem).toBeUndefined();
		// The short code is the same quiz as the long one.
		expect(codeMeansQuiz(made.short!, made.spec)).toBe(true);
		s.edit();
		s.toggleTag('talks');
		const filtered = s.create('http://x')!;
		expect(filtered.short).toBeUndefined();
		expect(filtered.shown).toBe(filtered.code);
		expect(filtered.shortProblem).toMatch(/filters/);
	});

	it('puts the teacher’s own set in the QR link with the quiz; a bundled set stays out', async () => {
		const own = setup();
		await own.load();
		const made = own.create('http://192.168.1.20:4173')!;
		expect(made.carriesSet).toBe(true);
		expect(made.url).toMatch(
			new RegExp(`^http://192\\.168\\.1\\.20:4173/class/\\?join=${made.shown}#set=`)
		);
		const set = decodeSetLink(made.url);
		expect(set.ok && set.value.id).toBe(SET.id);
		expect(made.qr).toMatch(/^data:image\/svg\+xml/);

		const bundled = new ClassRunSetup({
			catalog: memoryCatalog([SET], 'bundled'),
			entropy: () => [0.1, 0.2, 0.3, 0.4]
		});
		await bundled.load();
		const b = bundled.create('http://x')!;
		expect(b.carriesSet).toBe(false);
		expect(b.url).toBe(`http://x/class/?join=${b.shown}`);
		expect(b.setTooBig).toBeUndefined();
	});

	it('a set too big for one QR code is said, and the link is the plain join link', async () => {
		const big = validSet({
			id: 'big-set',
			title: 'Big',
			questions: Array.from({ length: 120 }, (_, i) => ({
				id: `q${i}`,
				type: 'short' as const,
				prompt: `Question ${i}: ${'a long prompt with words '.repeat(4)}${i * 7919}`,
				answers: [`answer ${i * 104729}`]
			}))
		});
		const s = new ClassRunSetup({ catalog: memoryCatalog([big]), entropy: () => [0.5] });
		await s.load();
		const made = s.create('http://x')!;
		expect(made.carriesSet).toBe(false);
		expect(made.setTooBig).toBe(true);
		expect(made.url).toBe(`http://x/class/?join=${made.shown}`);
	});
});
