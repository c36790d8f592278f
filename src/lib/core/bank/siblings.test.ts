import { describe, expect, it } from 'vitest';
import { siblingKey } from './siblings';

describe('siblingKey', () => {
	it('joins questions by group, then by the passage they quote, whatever its spacing and case', () => {
		const a = { id: 'a', source: { quote: ' The  Talks\nbegan ' } };
		const b = { id: 'b', source: { quote: 'the talks began' } };
		const c = { id: 'c', group: 'talks', source: { quote: 'the talks began' } };
		const d = { id: 'd' };
		expect(siblingKey('s', a)).toBe(siblingKey('s', b));
		expect(siblingKey('s', c)).not.toBe(siblingKey('s', a));
		expect(siblingKey('s', d)).not.toBe(siblingKey('s', { id: 'e' }));
	});

	it('gives the same question the same key again, and its own key in another set', () => {
		const q = { id: 'a', source: { quote: 'A passage' } };
		const first = siblingKey('one', q);
		expect(siblingKey('one', q)).toBe(first);
		expect(siblingKey('two', q)).not.toBe(first);
		expect(siblingKey('two', q)).toBe(siblingKey('two', { ...q }));
		// Back to the first set: still that set's key.
		expect(siblingKey('one', q)).toBe(first);
	});
});
