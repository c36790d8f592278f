// Suspending a card (a leech the student set aside): its due moves past every query and
// comes back exactly. Apart from leech.ts so storage and the study path need no more.
import { SUSPENDED_DUE, type StoredCard } from './card';

export function isSuspended(card: StoredCard): boolean {
	return card.suspendedDue !== undefined;
}

export function suspendCard(card: StoredCard): StoredCard {
	if (isSuspended(card)) return card;
	return { ...card, suspendedDue: card.due, due: SUSPENDED_DUE };
}

export function unsuspendCard(card: StoredCard): StoredCard {
	if (card.suspendedDue === undefined) return card;
	const { suspendedDue, ...rest } = card;
	return { ...rest, due: suspendedDue };
}
