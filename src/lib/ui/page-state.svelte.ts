// The one way a route creates its state (ARCHITECTURE.md "Wiring"): the state object is
// made from the page's data, made anew when that data changes (another set), started after
// the page mounts (never during prerendering), and destroyed when the page leaves or the
// data changes. Call it during component initialisation.
import { untrack } from 'svelte';

let shown: () => void = () => {};
/**
 * Settles once the first page has shown its content (its start settled, well or not) and
 * the browser has painted it. What no page needs in order to show (the update and install
 * notices, the service worker's registration) waits for it, so a first visit's downloads go
 * to the page and none of them comes before its largest paint.
 */
export const firstContentShown: Promise<void> = new Promise((resolve) => (shown = resolve));

/** For a page that starts its state itself rather than through pageState. */
export function contentShown(): void {
	// The frame after the state's change is painted; a timer then runs after that paint, and
	// the browser's next idle moment after it. Without the idle wait, the notices' downloads
	// began a few ms before the study page's card reached the screen (its largest paint).
	if (typeof requestAnimationFrame !== 'function') return shown();
	const idle = (run: () => void) =>
		typeof requestIdleCallback === 'function'
			? requestIdleCallback(run, { timeout: 500 })
			: setTimeout(run, 100);
	requestAnimationFrame(() => setTimeout(() => idle(shown), 0));
}

/** A state object may have `destroy()`, called when the page leaves or its data changes. */
type Destroyable = { destroy?(): unknown };

export function pageState<T extends object>(
	make: () => T,
	start: (state: T) => unknown
): { readonly current: T } {
	const state = $derived(make());
	$effect(() => {
		const s = state;
		// Starting reads and writes the state's own fields; they must not re-run this effect.
		untrack(() => void Promise.resolve(start(s)).finally(contentShown));
		return () => void (s as Destroyable).destroy?.();
	});
	return {
		get current() {
			return state;
		}
	};
}
