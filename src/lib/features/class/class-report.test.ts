// The teacher's report from files: size and encoding checks before reading, then the
// report (regraded, flagged) and its CSV.
import { describe, expect, it } from 'vitest';
import { expectedResponse } from '$lib/core/quiz/grade';
import { ClassReportSession, HANDIN_FILE_MAX_BYTES, type ReportFile } from './class-report.svelte';
import { memoryCatalog } from '$lib/platform/test-deps';
import { classQuizFor, decodeClassQuiz, encodeClassQuiz } from '$lib/core/classroom/code';
import { classSet } from '$lib/core/classroom/fixtures';
import { createHandIn, handInFileName, handInText } from '$lib/core/classroom/handin';
import { encodeShortCode } from '$lib/core/classroom/short-code';

const SET = classSet();
const CODE = encodeClassQuiz({
	setId: 'class-demo',
	setVersion: 1,
	seed: 'R3PQRT',
	shufflePerStudent: true,
	options: { count: 4, mode: 'exam' }
});
const D = (() => {
	const d = decodeClassQuiz(CODE);
	if (!d.ok) throw new Error(d.message);
	return d.value;
})();

function file(name: string, text: string | Uint8Array, size?: number): ReportFile {
	const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
	return { name, size: size ?? bytes.length, arrayBuffer: async () => bytes.slice().buffer };
}

async function handIn(student: string, right: (i: number) => boolean) {
	const quiz = classQuizFor(D, SET, student);
	const h = await createHandIn({
		code: D,
		quiz,
		responses: quiz.items.map((it, i) => (right(i) ? expectedResponse(it.asked) : null)),
		student,
		startedAt: Date.UTC(2025, 4, 2, 9),
		finishedAt: Date.UTC(2025, 4, 2, 9, 20)
	});
	return file(handInFileName(h), handInText(h));
}

const session = () => new ClassReportSession({ catalog: memoryCatalog([SET]) });

describe('ClassReportSession', () => {
	it('a code with a typo, or for a set not here, is refused plainly', async () => {
		const s = session();
		expect(await s.setCode(CODE.slice(0, -1) + (CODE.endsWith('0') ? '1' : '0'))).toBe(false);
		expect(s.codeError).toMatch(/typo/);
		const other = encodeClassQuiz({ ...D, setId: 'elsewhere' });
		expect(await s.setCode(other)).toBe(false);
		expect(s.codeError).toMatch(/“elsewhere”, which is not on this device/);
		expect(s.decoded).toBeNull();
	});

	it('builds the report from files, flags a duplicate, refuses big and binary files', async () => {
		const s = session();
		expect(await s.setCode(CODE.toLowerCase())).toBe(true);
		expect(s.report?.students).toEqual([]);
		const amina = await handIn('Amina', () => true);
		const bo = await handIn('Bo', (i) => i < 2);
		await s.addFiles([amina, bo]);
		await s.addFiles([
			{ ...amina, name: 'copy.json' },
			file('huge.json', '{}', HANDIN_FILE_MAX_BYTES + 1),
			file('photo.json', new Uint8Array([0xff, 0xfe, 0xfd])),
			file('notes.json', '{"hello": 1}')
		]);
		const r = s.report!;
		expect(r.students.map((x) => [x.student, x.percent, x.counted])).toEqual([
			['Amina', 100, true],
			['Bo', 50, true],
			['Amina', 100, false]
		]);
		expect(r.students[2]!.flags.map((f) => f.kind)).toEqual(['identical']);
		expect(r.stats).toMatchObject({ count: 2, mean: 75, median: 75 });
		expect(r.questions.map((q) => q.shareCorrect)).toEqual(
			classQuizFor(D, SET).items.map((it) => {
				// Bo got his first two (in his own order) right.
				const bo = classQuizFor(D, SET, 'Bo').items.findIndex((x) => x.key === it.key);
				return bo < 2 ? 1 : 0.5;
			})
		);
		expect(s.rejected.map((x) => x.name)).toEqual(['huge.json', 'photo.json']);
		expect(s.rejected[0]!.reason).toMatch(/too large/);
		expect(s.rejected[1]!.reason).toMatch(/not UTF-8/);
		expect(r.unreadable).toEqual([{ name: 'notes.json', reason: 'not a Studydeck hand-in file' }]);

		const csv = s.csvFile()!;
		expect(csv.name).toBe(`class-report-${CODE}.csv`);
		const lines = csv.text.trim().split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[1]).toMatch(
			/^Amina,amina-class-demo-2025-05-02\.studydeck-handin\.json,4,4,100,yes,/
		);

		s.clearFiles();
		await expect.poll(() => s.report?.students.length).toBe(0);
		expect(s.rejected).toEqual([]);
	});

	it('opens by the short code too, and counts hand-ins made from the long code', async () => {
		const spec = { ...D, seed: 'R3PQ' };
		const short = encodeShortCode(spec, SET);
		const long = encodeClassQuiz(spec);
		const s = session();
		expect(await s.setCode(short.toLowerCase().replace(/-/g, ' '))).toBe(true);
		expect(s.decoded?.code).toBe(short);
		const quiz = classQuizFor(spec, SET, 'Cy');
		const h = await createHandIn({
			code: { ...spec, code: long },
			quiz,
			responses: quiz.items.map((it) => expectedResponse(it.asked)),
			student: 'Cy',
			startedAt: 0,
			finishedAt: 1
		});
		await s.addFiles([file('cy.json', handInText(h))]);
		expect(s.report!.students.map((x) => [x.student, x.counted, x.percent])).toEqual([
			['Cy', true, 100]
		]);
		// A short code for a set this device lacks says so.
		const none = new ClassReportSession({ catalog: memoryCatalog([]) });
		expect(await none.setCode(short)).toBe(false);
		expect(none.codeError).toMatch(/not on this device/);
	});
});
