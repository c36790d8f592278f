// Stats' "due now" among the cards ever studied: the counts before now's quarter hour
// (./card-counts.ts) and, within it, the cards themselves, stored and packed. Apart from
// ./card-counts.ts so Home, which counts every card, does not download the card reads.
import { isUnreviewed } from '../../core/srs/card';
import type { Db } from './db';
import { dueCounts } from './card-counts';
import { cardsDueIn } from './cards';

/** Cards ever studied with `due <= now`, in each set. */
export function studiedDueBySet(
	db: Db,
	now: number,
	setIds: readonly string[]
): Promise<Record<string, number>> {
	return dueCounts(
		db,
		now,
		setIds,
		'studied',
		async (tx, setId, span) =>
			(await cardsDueIn(tx, setId, span)).filter((c) => !isUnreviewed(c)).length
	);
}
