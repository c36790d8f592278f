// Safari on iPhone and iPad deletes a site's storage after 7 days without a visit, unless
// the app was added to the Home Screen. Students there must be told once.

export interface NavigatorLike {
	userAgent: string;
	maxTouchPoints?: number;
	/** Safari-only: true inside a Home Screen app. */
	standalone?: boolean;
}

/** iOS or iPadOS (which reports itself as a Mac with touch), in the Safari browser tab. */
export function isIosSafariTab(nav: NavigatorLike, displayStandalone: boolean): boolean {
	const ua = nav.userAgent;
	const ios =
		/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && (nav.maxTouchPoints ?? 0) > 1);
	if (!ios) return false;
	// Other iOS browsers (CriOS, FxiOS, EdgiOS) are WebKit too and share the same rule.
	const installed = nav.standalone === true || displayStandalone;
	return !installed;
}
