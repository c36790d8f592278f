// bank.import_gift_ms: parse + validate a 5,000-question GIFT file of mixed kinds, the
// size of a large Moodle question-bank export. Median of several runs, after a warm-up.
import { parseGift } from '../../src/lib/core/bank/formats/gift.ts';
import type { Bench } from './types.ts';

function syntheticGift(count: number): string {
	const kinds = [
		(i: number) =>
			`::mcq-${i}::Which option is number ${i}? {\n\t=Option ${i}#right\n\t~Option ${i + 1}\n\t~Option ${i + 2}\n\t####Because ${i}.\n}`,
		(i: number) =>
			`// [tag:set-${i % 7}]\n::multi-${i}::Pick two {~%50%a${i} ~%50%b${i} ~%-100%c${i}}`,
		(i: number) => `::tf-${i}::Statement ${i} is true {T#No#Yes}`,
		(i: number) => `::short-${i}::Name ${i}? {=alpha${i} =beta${i}}`,
		(i: number) => `::num-${i}::How many ${i}? {#${i}:0.5}`,
		(i: number) => `::cloze-${i}::The word {=w${i}} goes here.`,
		(i: number) => `::match-${i}::Match {=l${i} -> r${i} =m${i} -> s${i} =n${i} -> t${i}}`,
		(i: number) => `[html]<p>HTML <b>question</b> ${i}</p> {=yes ~no}`
	];
	const out = ['$CATEGORY: $course$/top/Bench'];
	for (let i = 0; i < count; i++) out.push(kinds[i % kinds.length]!(i));
	return out.join('\n\n');
}

const bench: Bench = async () => {
	const text = syntheticGift(5000);
	const check = parseGift(text);
	if (!check.ok || check.value.set.questions.length !== 5000)
		throw new Error('synthetic GIFT did not import cleanly');
	const times: number[] = [];
	for (let run = 0; run < 7; run++) {
		const start = performance.now();
		parseGift(text);
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)]!;
	return [{ metric: 'bank.import_gift_ms', value: Math.round(median * 10) / 10, unit: 'ms' }];
};

export default bench;
