import { describe, expect, it } from 'vitest';
import { knownQuestions } from './check-run';

const device = [
	{ id: 'mine', questionIds: ['m1', 'm2'] },
	{ id: 'shared', questionIds: ['old'] }
];
const asLists = (m: Map<string, Set<string>>) =>
	Object.fromEntries([...m].map(([id, ids]) => [id, [...ids]]));

describe('knownQuestions', () => {
	it('judges a bundled set by its bundled questions, as the catalog shows it', () => {
		const known = knownQuestions(
			{
				sets: ['shared', 'bank'],
				questions: [
					['shared', ['new']],
					['bank', ['b1']]
				]
			},
			device
		);
		expect(asLists(known)).toEqual({ shared: ['new'], bank: ['b1'], mine: ['m1', 'm2'] });
	});

	it('leaves out a bundled set that could not be fetched, even with a device copy', () => {
		const known = knownQuestions({ sets: ['shared'], questions: [] }, device);
		expect(asLists(known)).toEqual({ mine: ['m1', 'm2'] });
	});

	it('offline, without the list of bundled sets, judges the device copies', () => {
		const known = knownQuestions({ sets: null, questions: [] }, device);
		expect(asLists(known)).toEqual({ mine: ['m1', 'm2'], shared: ['old'] });
	});
});
