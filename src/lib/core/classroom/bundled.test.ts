// Figures for the bundled set: how long its class codes are, and whether it can travel
// in a link or a QR code (it is too big for either; teachers share the file instead).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleSet, SET_FILE, SOURCE_FILE } from '../bank/load';
import { expectedResponse } from '../quiz/grade';
import { classQuizFor, classQuizUrl, decodeClassQuiz, encodeClassQuiz } from './code';
import { createHandIn, encodeHandInForQr, handInText } from './handin';
import { buildClassReport } from './class-results';
import { decodeSetLink, encodeSetLink, fitsInQr, LINK_MAX_CHARS, packPayload } from './share';
import { canonicalJson } from './canonical';

const dir = join(process.cwd(), 'questions', 'ttp-peace-talks');
const loaded = assembleSet(
	readFileSync(join(dir, SET_FILE), 'utf8'),
	readFileSync(join(dir, SOURCE_FILE), 'utf8')
);
if (!loaded.ok) throw new Error('bundled set does not parse');
const set = loaded.value;

describe('the bundled ttp-peace-talks set in class', () => {
	it('gets codes of about 30 symbols', () => {
		const lengths: string[] = [];
		for (const [label, shufflePerStudent, mode, seed, time] of [
			['practice, 6-letter seed', false, 'practice', '7KQ2MD', undefined],
			['exam 30 min, per-student shuffle', true, 'exam', '7KQ2MD', 30],
			['exam, 4-letter seed', false, 'exam', '7KQ2', undefined]
		] as const) {
			const code = encodeClassQuiz({
				setId: set.id,
				setVersion: set.version,
				seed,
				shufflePerStudent,
				options: { count: 20, mode, ...(time ? { timeLimitMinutes: time } : {}) }
			});
			const symbols = code.replace(/-/g, '').length;
			expect(symbols).toBeLessThanOrEqual(34);
			lengths.push(
				`${label}: ${code} (${symbols} symbols; QR link ${classQuizUrl(code, 'https://studydeck.example').length} chars)`
			);
			const decoded = decodeClassQuiz(code);
			expect(decoded.ok).toBe(true);
		}
		console.log(lengths.join('\n'));
	});

	it('is too big for a link or a QR code, and says so', () => {
		const json = canonicalJson(set);
		const payload = packPayload(json);
		const link = encodeSetLink(set, 'https://studydeck.example/class/');
		console.log(
			`ttp-peace-talks: canonical JSON ${json.length} bytes, deflated+base64url ${payload.length} chars, link ${link.bytes} bytes (limit ${LINK_MAX_CHARS}), fits a link: ${link.ok}`
		);
		expect(link.ok).toBe(false);
		// With a generous limit the link still round-trips exactly.
		const long = encodeSetLink(set, 'https://studydeck.example/class/', 1_000_000);
		if (!long.ok) throw new Error('unexpected');
		expect(fitsInQr(long.url)).toBe(false);
		expect(decodeSetLink(long.url)).toEqual({ ok: true, value: set });
	});

	it('hands in 20 answers small enough for a QR code, and reports them', async () => {
		const r = decodeClassQuiz(
			encodeClassQuiz({
				setId: set.id,
				setVersion: set.version,
				seed: '7KQ2MD',
				shufflePerStudent: true,
				options: { count: 20, mode: 'exam' }
			})
		);
		if (!r.ok) throw new Error(r.message);
		const quiz = classQuizFor(r.value, set, 'Amina Khan');
		const h = await createHandIn({
			code: r.value,
			quiz,
			responses: quiz.items.map((it) => expectedResponse(it.asked)),
			student: 'Amina Khan',
			startedAt: 0,
			finishedAt: 60_000
		});
		const qr = encodeHandInForQr(h);
		console.log(`hand-in, 20 answers: file ${handInText(h).length} bytes, QR text ${qr?.length}`);
		expect(qr).toBeDefined();
		const report = await buildClassReport(r.value, set, [{ name: 'a', text: qr! }]);
		expect(report.ok && report.value.students[0]!.percent).toBe(100);
	});
});
