import { describe, expect, test } from 'vitest';
import { Rating as FsrsRating, State as FsrsState } from 'ts-fsrs';
import { Rating, State } from './card';

// The mirrors exist so pages that only read cards do not ship ts-fsrs; they must agree.
describe('State and Rating mirror ts-fsrs', () => {
	const numeric = (e: object) =>
		Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === 'number'));
	test('State', () => expect(State).toEqual(numeric(FsrsState)));
	test('Rating', () => expect(Rating).toEqual(numeric(FsrsRating)));
});
