// HTML fields as plain text, for formats that keep no formatting (Moodle XML, and plain
// fields written to Anki). Anki import keeps formatting and images through
// core/bank/rich-text.ts instead. Here no markup survives: scripts, styles, handlers and
// remote loads cannot either. Line breaks and list items are kept; an image or a sound
// leaves its file name behind ("[image: cat.jpg]") and is counted, so nothing vanishes
// without a word.
import { htmlToText } from '../shared';

export interface MediaRefs {
	images: number;
	sounds: number;
}

const attr = (tag: string, name: string) =>
	new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);

function fileName(src: string): string {
	const clean = src.replace(/[\r\n]/g, '').trim();
	const last = clean.split(/[/\\]/).pop() ?? clean;
	try {
		return decodeURIComponent(last) || 'unnamed';
	} catch {
		return last || 'unnamed';
	}
}

/** One field's HTML as plain text; counts the media it references into `refs`. */
export function fieldText(html: string, refs: MediaRefs): string {
	let s = html
		.replace(/<(script|style|template|object|iframe)\b[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<img\b[^>]*>/gi, (tag) => {
			refs.images++;
			const m = attr(tag, 'src');
			return ` [image: ${fileName(m?.[1] ?? m?.[2] ?? m?.[3] ?? '')}] `;
		})
		.replace(/<(audio|video|source)\b[^>]*>/gi, (tag) => {
			const m = attr(tag, 'src');
			if (!m) return '';
			refs.sounds++;
			return ` [sound: ${fileName(m[1] ?? m[2] ?? m[3] ?? '')}] `;
		})
		.replace(/\[sound:([^\]]*)\]/g, (_, name: string) => {
			refs.sounds++;
			return ` [sound: ${fileName(name)}] `;
		})
		.replace(/<li\b[^>]*>/gi, '\n• ')
		.replace(/<\/(ul|ol)\s*>/gi, '\n');
	s = htmlToText(s)
		.replace(/\u00a0/g, ' ')
		.replace(/[ \t]+/g, ' ')
		.replace(/ *\n */g, '\n')
		.replace(/\n{3,}/g, '\n\n');
	return s.trim();
}

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain text → HTML for an Anki field: escaped, with line breaks as <br>. */
export function textToField(text: string): string {
	return text.replace(/[&<>"]/g, (c) => escapeMap[c]!).replace(/\n/g, '<br>');
}
