// XML text → a small element tree with the line each element starts on, via saxes (a
// strict, well-kept parser). DOCTYPE is refused outright: Moodle never writes one, and
// entity definitions are how "billion laughs" files blow up.
import { SaxesParser } from 'saxes';
import type { Result } from '../problems';

export interface XmlElement {
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** Text and CDATA directly inside, concatenated. */
	text: string;
	line: number;
}

export function parseXml(text: string): Result<XmlElement> {
	const parser = new SaxesParser({ position: true });
	const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '', line: 1 };
	const stack: XmlElement[] = [root];
	let startLine = 1;
	let failure: { message: string; line: number } | undefined;
	parser.on('error', (e) => {
		failure ??= { message: e.message.replace(/^[^:]*:\d+:\d+: /, ''), line: parser.line };
	});
	parser.on('doctype', () => {
		failure ??= { message: 'a DOCTYPE is not allowed in Moodle XML', line: parser.line };
	});
	parser.on('opentagstart', () => {
		startLine = parser.line;
	});
	parser.on('opentag', (tag) => {
		const el: XmlElement = {
			name: tag.name,
			attrs: Object.fromEntries(
				Object.entries(tag.attributes).map(([k, v]) => [k, typeof v === 'string' ? v : v.value])
			),
			children: [],
			text: '',
			line: startLine
		};
		stack[stack.length - 1]!.children.push(el);
		stack.push(el);
	});
	parser.on('closetag', () => {
		stack.pop();
	});
	const addText = (t: string) => {
		stack[stack.length - 1]!.text += t;
	};
	parser.on('text', addText);
	parser.on('cdata', addText);
	try {
		parser.write(text).close();
	} catch (e) {
		failure ??= {
			message: (e as Error).message.replace(/^[^:]*:\d+:\d+: /, ''),
			line: parser.line
		};
	}
	if (failure)
		return {
			ok: false,
			problems: [{ path: '', message: `invalid XML: ${failure.message}`, line: failure.line }]
		};
	return { ok: true, value: root };
}

export const child = (el: XmlElement | undefined, name: string) =>
	el?.children.find((c) => c.name === name);

export const children = (el: XmlElement | undefined, name: string) =>
	el?.children.filter((c) => c.name === name) ?? [];

/** The `<text>` inside an element (Moodle's convention), or the element's own text. */
export const textOf = (el: XmlElement | undefined): string =>
	el ? (child(el, 'text')?.text ?? el.text) : '';

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;'
};

export const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
