// How a count reads on every screen. Pure. Apart from format.ts because Home needs only
// these, and every module Home imports goes into the chunk each page loads.

/** "1,024": a count as every screen writes it. */
export function count(n: number): string {
	return n.toLocaleString('en-US');
}

/** "1 card", "2 cards", "1,024 cards". */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${count(n)} ${n === 1 ? one : many}`;
}
