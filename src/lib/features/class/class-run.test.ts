// The teacher's setup: options → a code every student's device decodes to the same spec.
import { describe, expect, it } from 'vitest';
import { ClassRunSetup, qrDataUrl } from './class-run.svelte';
import { memoryCatalog } from '$lib/platform/test-deps';
import { decodeClassQuiz } from '$lib/core/classroom/code';
import { classSet } from '$lib/core/classroom/fixtures';

const SET = classSet();
function setup() {
	let n = 0;
	return new ClassRunSetup({
		catalog: memoryCatalog([SET]),
		entropy: () => [0.1, 0.2, 0.3, 0.4, 0.5, (++n % 10) / 10]
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
		expect(made.url).toBe(`http://192.168.1.20:4173/class/?join=${made.code}`);
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
