import { describe, expect, test } from 'vitest';
import { isIosSafariTab } from './ios';

const IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const IPAD_DESKTOP_MODE =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const ANDROID =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

describe('isIosSafariTab', () => {
	test('an iPhone Safari tab needs the note', () => {
		expect(isIosSafariTab({ userAgent: IPHONE, standalone: false }, false)).toBe(true);
	});
	test('not inside the Home Screen app', () => {
		expect(isIosSafariTab({ userAgent: IPHONE, standalone: true }, false)).toBe(false);
		expect(isIosSafariTab({ userAgent: IPHONE }, true)).toBe(false);
	});
	test('iPadOS in desktop mode is recognised by touch points', () => {
		expect(isIosSafariTab({ userAgent: IPAD_DESKTOP_MODE, maxTouchPoints: 5 }, false)).toBe(true);
		expect(isIosSafariTab({ userAgent: IPAD_DESKTOP_MODE, maxTouchPoints: 0 }, false)).toBe(false);
	});
	test('Android and desktops never see it', () => {
		expect(isIosSafariTab({ userAgent: ANDROID }, false)).toBe(false);
	});
});
