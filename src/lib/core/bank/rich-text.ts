// Rich text: the small, safe subset of HTML a question may carry beside its plain text
// (ARCHITECTURE.md "Data"): b, i, u, sup, sub, br, ul/ol/li, and img naming a media file
// stored on this device. `parseRich` is an allow-list walker over a tolerant tokenizer:
// every tag outside the list is unwrapped (its text kept), script/style/svg and friends
// are dropped with their content, no attribute survives except an image's file name and
// alt text, and a file name that could reach anything (a scheme, a slash, "..") is refused.
// The result is a tree; the UI builds DOM nodes from it (ui/RichText.svelte), never HTML.
// `serializeRich` writes the canonical form stored in a set; the schema accepts only text
// that is already canonical, so hostile markup in a file is refused, not rendered.
// Pure and DOM-free: the same code runs in the `bank` CLI, the import Worker and the page.

export type RichTag = 'b' | 'i' | 'u' | 'sup' | 'sub' | 'ul' | 'ol' | 'li';
export type RichNode =
	| string
	| { tag: 'br' }
	| { tag: 'img'; src: string; alt: string }
	| { tag: RichTag; children: RichNode[] };
type RichElement = Extract<RichNode, { children: RichNode[] }>;

/** What the walker met that the tree does not keep as it was. */
export interface RichReport {
	/** Images kept (file names, in order, with repeats). */
	images: string[];
	/** Images whose src is not a plain media file name (remote, data:, javascript:…): dropped. */
	refused: number;
	/** Sound or video references (kept as "[sound: name]" text). */
	sounds: number;
}

export const RICH_LIMITS = {
	/** Nesting deeper than this is flattened (its text kept). */
	depth: 12,
	/** A media file name. */
	nameLength: 200,
	/** The canonical HTML of one field. */
	htmlLength: 20_000
} as const;

const RENAME: Record<string, RichTag> = {
	b: 'b',
	strong: 'b',
	i: 'i',
	em: 'i',
	u: 'u',
	sup: 'sup',
	sub: 'sub',
	ul: 'ul',
	ol: 'ol',
	li: 'li'
};
/** Dropped with everything inside them. */
const DROP = new Set([
	'script',
	'style',
	'template',
	'object',
	'iframe',
	'svg',
	'math',
	'noscript',
	'textarea',
	'title',
	'head',
	'select',
	'canvas',
	'audio',
	'video',
	'frameset',
	'noembed',
	'noframes',
	'xmp',
	'plaintext'
]);
/** Start a new line before and after. */
const BLOCK = new Set([
	'p',
	'div',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'tr',
	'blockquote',
	'pre',
	'section',
	'article',
	'header',
	'footer',
	'table',
	'dl',
	'dt',
	'dd',
	'hr',
	'figure',
	'figcaption',
	'center'
]);

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' '
};

function decode(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, name: string) => {
		if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
		const code =
			name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
		const ok = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
		return ok ? String.fromCodePoint(code) : '�';
	});
}

/** A media file name a stored image may name: flat, no scheme, no path, no control characters. */
export function isMediaName(name: string): boolean {
	return (
		name.length > 0 &&
		name.length <= RICH_LIMITS.nameLength &&
		// eslint-disable-next-line no-control-regex -- control characters are what we refuse
		!/[/\\:\u0000-\u001f\u007f<>"]/.test(name) &&
		name !== '.' &&
		name !== '..' &&
		name.trim() === name
	);
}

function mediaName(src: string): string | undefined {
	const raw = src.trim();
	return isMediaName(raw) ? raw : undefined;
}

function attributes(src: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of src.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g)) {
		const name = m[1]!.toLowerCase();
		if (!out.has(name)) out.set(name, decode(m[2] ?? m[3] ?? m[4] ?? ''));
	}
	return out;
}

/** One start or end tag at the position it is asked at (sticky). */
const TAG = /<(\/?)([a-z][a-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)(>|$)/iy;

const isBreak = (n: RichNode | undefined) => typeof n === 'object' && n.tag === 'br';

/** Parses HTML into the allowed tree; never throws. `report` collects what was met. */
export function parseRich(html: string, report?: RichReport): RichNode[] {
	const root: RichElement = { tag: 'li', children: [] };
	const stack: RichElement[] = [root];
	const top = () => stack[stack.length - 1]!;
	const lineBreak = () => {
		const kids = top().children;
		if (kids.length && !isBreak(kids[kids.length - 1])) kids.push({ tag: 'br' });
	};
	const text = (s: string) => {
		const t = decode(s).replace(/[\s ]+/g, ' ');
		const withSounds = t.replace(/\[sound:([^\]]*)\]/g, (_, name: string) => {
			if (report) report.sounds++;
			return ` [sound: ${name.trim()}] `;
		});
		if (withSounds) top().children.push(withSounds);
	};
	const close = (tag: RichTag) => {
		for (let i = stack.length - 1; i > 0; i--) {
			if (stack[i]!.tag === tag) {
				stack.length = i;
				return;
			}
			// A list ends its own items and never closes an element outside it.
			if ((stack[i]!.tag === 'ul' || stack[i]!.tag === 'ol') && tag !== 'ul' && tag !== 'ol')
				return;
		}
	};
	let i = 0;
	const n = html.length;
	while (i < n) {
		const lt = html.indexOf('<', i);
		if (lt < 0) {
			text(html.slice(i));
			break;
		}
		if (lt > i) text(html.slice(i, lt));
		i = lt;
		if (html.startsWith('<!--', i)) {
			const end = html.indexOf('-->', i + 4);
			i = end < 0 ? n : end + 3;
			continue;
		}
		TAG.lastIndex = i;
		const m = TAG.exec(html);
		if (!m) {
			if (/^<[!?/]/.test(html.slice(i, i + 2))) {
				// <!DOCTYPE>, <?xml?>, </ 3>: not text, skipped to the next ">".
				const end = html.indexOf('>', i);
				i = end < 0 ? n : end + 1;
			} else {
				text('<');
				i++;
			}
			continue;
		}
		i += m[0].length;
		const closing = m[1] === '/';
		const name = m[2]!.toLowerCase();
		if (DROP.has(name)) {
			if ((name === 'audio' || name === 'video') && report) report.sounds++;
			if (closing || /\/\s*$/.test(m[3]!)) continue;
			// Everything up to the matching end tag goes; none at all means the rest goes.
			const end = new RegExp(`</${name}\\s*>`, 'i').exec(html.slice(i));
			i = end ? i + end.index + end[0].length : n;
			continue;
		}
		if (name === 'source' || name === 'embed') {
			if (/\bsrc\s*=/i.test(m[3]!) && report) report.sounds++;
			continue;
		}
		if (name === 'br') {
			top().children.push({ tag: 'br' });
			continue;
		}
		if (name === 'img') {
			if (closing) continue;
			const attrs = attributes(m[3]!);
			const src = mediaName(attrs.get('src') ?? '');
			if (!src) {
				if (report) report.refused++;
				continue;
			}
			report?.images.push(src);
			const alt = (attrs.get('alt') ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
			top().children.push({ tag: 'img', src, alt });
			continue;
		}
		if (BLOCK.has(name)) {
			lineBreak();
			continue;
		}
		const tag = RENAME[name];
		if (!tag) continue; // unknown or not allowed: unwrapped, its text stays
		if (closing) {
			close(tag);
			continue;
		}
		if (tag === 'li') {
			// An open item in the same list ends where the next begins.
			for (let k = stack.length - 1; k > 0; k--) {
				const t = stack[k]!.tag;
				if (t === 'ul' || t === 'ol') break;
				if (t === 'li') {
					stack.length = k;
					break;
				}
			}
			if (top().tag !== 'ul' && top().tag !== 'ol') {
				lineBreak();
				continue; // an item outside a list is just a line
			}
		}
		if (stack.length > RICH_LIMITS.depth) continue; // too deep: flattened
		const el: RichElement = { tag, children: [] };
		top().children.push(el);
		stack.push(el);
	}
	return tidy(root.children, true);
}

/** The normal form: merged text, no empty elements, no spaces around line breaks, no
 *  runs of more than two breaks, nothing blank at the edges of a line block. */
function tidy(nodes: RichNode[], block: boolean): RichNode[] {
	const out: RichNode[] = [];
	for (const node of nodes) {
		if (typeof node === 'string') {
			const last = out[out.length - 1];
			if (typeof last === 'string') out[out.length - 1] = (last + node).replace(/ {2,}/g, ' ');
			else if (node) out.push(node.replace(/ {2,}/g, ' '));
			continue;
		}
		if (node.tag === 'br' || node.tag === 'img') {
			out.push(node);
			continue;
		}
		const list = node.tag === 'ul' || node.tag === 'ol';
		let children = tidy(node.children, node.tag === 'li');
		// Spaces between the items of a list are markup, not text.
		if (list) children = children.filter((c) => typeof c !== 'string' || c.trim());
		if (!children.length) continue;
		if (list || node.tag === 'li') {
			// A list stands on its own lines: no break right before it is needed.
			if (list) dropLineEnd(out);
			else trimEnd(out);
		}
		out.push({ tag: node.tag, children });
	}
	// Breaks that end no line: at the start, right after a list, past two in a row, and at
	// the end of a block. Blank text between breaks does not count as content.
	const blank = (n: RichNode | undefined) => typeof n === 'string' && !n.trim();
	const lines: RichNode[] = [];
	let breaks = 0;
	let content = false;
	let afterList = false;
	for (const node of out) {
		if (isBreak(node)) {
			if (!content || afterList || ++breaks > 2) continue;
		} else if (!blank(node)) {
			breaks = 0;
			content = true;
			afterList = isList(node);
		}
		const last = lines[lines.length - 1];
		if (typeof node === 'string' && typeof last === 'string') lines[lines.length - 1] = last + node;
		else lines.push(node);
	}
	if (block) while (isBreak(lines[lines.length - 1]) || blank(lines[lines.length - 1])) lines.pop();
	// Spaces that touch a line break or a list are not shown; trim them so the form is one.
	const kept: RichNode[] = [];
	lines.forEach((node, k) => {
		if (typeof node !== 'string') return void kept.push(node);
		let s = node.replace(/ {2,}/g, ' ');
		const prev = lines[k - 1];
		const next = lines[k + 1];
		if (isBreak(prev) || isList(prev) || (k === 0 && block)) s = s.replace(/^ +/, '');
		if (isBreak(next) || isList(next) || (k === lines.length - 1 && block))
			s = s.replace(/ +$/, '');
		if (s) kept.push(s);
	});
	return kept;
}

const isList = (n: RichNode | undefined) =>
	typeof n === 'object' && (n.tag === 'ul' || n.tag === 'ol');

/** Removes breaks and blank text at the end of `out`: a list starts its own line. */
function dropLineEnd(out: RichNode[]) {
	for (;;) {
		trimEnd(out);
		const last = out[out.length - 1];
		if (isBreak(last) || last === '') out.pop();
		else return;
	}
}

function trimEnd(out: RichNode[]) {
	const last = out[out.length - 1];
	if (typeof last === 'string') out[out.length - 1] = last.replace(/ +$/, '');
}

const escapeText = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** The canonical HTML of a tree (what a set stores, what an .apkg field holds). */
export function serializeRich(nodes: readonly RichNode[]): string {
	let s = '';
	for (const node of nodes) {
		if (typeof node === 'string') s += escapeText(node);
		else if (node.tag === 'br') s += '<br>';
		else if (node.tag === 'img')
			s += `<img src="${escapeAttr(node.src)}" alt="${escapeAttr(node.alt)}">`;
		else s += `<${node.tag}>${serializeRich(node.children)}</${node.tag}>`;
	}
	return s;
}

/** The plain text of a tree: what the question's own text field holds. */
export function richText(nodes: readonly RichNode[]): string {
	const walk = (list: readonly RichNode[]): string => {
		let s = '';
		for (const node of list) {
			if (typeof node === 'string') s += node;
			else if (node.tag === 'br') s += '\n';
			else if (node.tag === 'img') s += `[image: ${node.src}]`;
			else if (node.tag === 'ul' || node.tag === 'ol') {
				let k = 0;
				s += '\n';
				for (const item of node.children) {
					if (typeof item === 'object' && item.tag === 'li')
						s += `${node.tag === 'ol' ? `${++k}.` : '•'} ${walk(item.children).trim()}\n`;
					else s += walk([item]);
				}
			} else s += walk(node.children);
		}
		return s;
	};
	return walk(nodes)
		.replace(/ *\n */g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** True when the tree holds more than text and line breaks (plain text would lose something). */
export function hasMarkup(nodes: readonly RichNode[]): boolean {
	return nodes.some((n) => typeof n === 'object' && n.tag !== 'br');
}

/** The media file names a tree shows. */
export function richImages(nodes: readonly RichNode[], out: string[] = []): string[] {
	for (const n of nodes) {
		if (typeof n !== 'object') continue;
		if (n.tag === 'img') out.push(n.src);
		else if (n.tag !== 'br') richImages(n.children, out);
	}
	return out;
}

// Texts already found canonical: an import validates each set more than once.
const canonical = new Set<string>();

/** True when `html` is already in the canonical form (what the schema accepts). */
export function isCanonicalRich(html: string): boolean {
	if (canonical.has(html)) return true;
	const ok = html.length <= RICH_LIMITS.htmlLength && serializeRich(parseRich(html)) === html;
	if (ok) {
		if (canonical.size >= 50_000) canonical.clear();
		canonical.add(html);
	}
	return ok;
}

/**
 * The tree to show for a question's text, or undefined when plain text should be shown:
 * no rich form, or one that no longer says what the text says (the text was edited).
 */
export function richFor(text: string, html: string | undefined): RichNode[] | undefined {
	if (!html) return undefined;
	const nodes = parseRich(html);
	return richText(nodes) === text.trim() ? nodes : undefined;
}
