import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	isCanonicalRich,
	isMediaName,
	parseRich,
	richFor,
	richImages,
	richText,
	serializeRich,
	type RichReport
} from './rich-text';

const clean = (html: string) => serializeRich(parseRich(html));
const report = (): RichReport => ({ images: [], refused: 0, sounds: 0 });

describe('the rich-text allow-list', () => {
	it('keeps bold, italic, underline, sup, sub, breaks, lists and stored images', () => {
		expect(clean('<strong>H</strong><sub>2</sub>O is <em>wet</em>, <u>x</u><sup>2</sup>')).toBe(
			'<b>H</b><sub>2</sub>O is <i>wet</i>, <u>x</u><sup>2</sup>'
		);
		expect(clean('one<br/>two<div>three</div>')).toBe('one<br>two<br>three');
		expect(clean('Parts:<ul>\n <li>a</li>\n <li>b<li>c</ul>end')).toBe(
			'Parts:<ul><li>a</li><li>b</li><li>c</li></ul>end'
		);
		expect(clean('<img src="cat.jpg" alt="A cat" width=3 class="x"> here')).toBe(
			'<img src="cat.jpg" alt="A cat"> here'
		);
	});

	it.each([
		['<script>alert(1)</script>ok', 'ok'],
		['<SCRIPT type="text/javascript">alert(1)</SCRIPT >ok', 'ok'],
		['ok<script>alert(1)', 'ok'],
		['<style>body{background:url(https://evil.example/x)}</style>ok', 'ok'],
		['<b onclick="steal()" style="color:red">ok</b>', '<b>ok</b>'],
		['<img src=x onerror=alert(1)>ok', '<img src="x" alt="">ok'],
		['<img src="javascript:alert(1)">ok', 'ok'],
		['<img src=" JaVa\nScRiPt:alert(1)">ok', 'ok'],
		['<img src="https://evil.example/track.png">ok', 'ok'],
		['<img src="//evil.example/track.png">ok', 'ok'],
		['<img src="data:image/svg+xml;base64,PHN2Zz4=">ok', 'ok'],
		['<img src="../../etc/passwd">ok', 'ok'],
		['<img src="javascript&#58;alert(1)">ok', 'ok'],
		['<svg><script>alert(1)</script><a xlink:href="javascript:x">t</a></svg>ok', 'ok'],
		['<svg onload=alert(1)>ok', ''],
		['<math><mi xlink:href="javascript:alert(1)">x</mi></math>ok', 'ok'],
		['<a href="javascript:alert(1)">link</a>', 'link'],
		['<iframe src="https://evil.example"></iframe>ok', 'ok'],
		['<object data="x.swf"></object><embed src="x.swf">ok', 'ok'],
		['<!-- <script>alert(1)</script> -->ok', 'ok'],
		['<b><i><u>deep</b></i></u>', '<b><i><u>deep</u></i></b>'],
		['</b>unbalanced<b>', 'unbalanced'],
		['a < b and c > d', 'a &lt; b and c &gt; d'],
		['<b "><img src=x>', '&lt;b "&gt;<img src="x" alt="">'],
		['<<script>script>alert(1)<</script>/script>', '&lt;/script&gt;'],
		['&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
		[
			'<img src="a.png" alt="&quot; onerror=&quot;alert(1)">',
			'<img src="a.png" alt="&quot; onerror=&quot;alert(1)">'
		],
		['<textarea><img src=x></textarea>ok', 'ok'],
		['<noscript><img src=x></noscript>ok', 'ok'],
		['<template><img src=x></template>ok', 'ok'],
		['<base href="https://evil.example/"><link rel=stylesheet href=x>ok', 'ok'],
		['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">ok', 'ok'],
		['<form action="https://evil.example"><input name=x>ok</form>', 'ok']
	])('makes %s harmless', (input, expected) => {
		const out = clean(input);
		expect(out).toBe(expected);
		expect(out).not.toMatch(/<(?!\/?(b|i|u|sup|sub|ul|ol|li)>|br>|img src="[^"]*" alt="[^"]*">)/);
		expect(out).not.toMatch(/javascript:|on\w+=(?!&quot;)|style=|href=/i);
	});

	it('refuses image names that could reach beyond the media store, and counts them', () => {
		const r = report();
		parseRich('<img src="http://x/y.png"><img src="ok.png"><img src="a/b.png"><img>', r);
		expect(r).toEqual({ images: ['ok.png'], refused: 3, sounds: 0 });
		for (const bad of ['', '.', '..', 'a/b', 'a\\b', 'c:x', 'x\u0000', ' lead', 'a"b'])
			expect(isMediaName(bad), bad).toBe(false);
		expect(isMediaName('my cat (1).jpg')).toBe(true);
	});

	it('counts sounds and keeps their names as text', () => {
		const r = report();
		const nodes = parseRich('Listen [sound:hund.mp3]<audio src="a.mp3"></audio>', r);
		expect(richText(nodes)).toBe('Listen [sound: hund.mp3]');
		expect(r.sounds).toBe(2);
	});

	it('flattens nesting deeper than its limit, keeping the text', () => {
		const deep = '<b>'.repeat(100) + 'x' + '</b>'.repeat(100);
		const out = clean(deep);
		expect(richText(parseRich(out))).toBe('x');
		expect(out.match(/<b>/g)!.length).toBeLessThanOrEqual(12);
	});

	it('gives plain text with line breaks, list bullets and image names', () => {
		const nodes = parseRich('<b>Cat</b><br><img src="cat.jpg"><ol><li>one</li><li>two</li></ol>');
		expect(richText(nodes)).toBe('Cat\n[image: cat.jpg]\n1. one\n2. two');
		expect(richImages(nodes)).toEqual(['cat.jpg']);
	});

	it('shows the rich form only while it says what the plain text says', () => {
		expect(richFor('Cat', '<b>Cat</b>')).toEqual([{ tag: 'b', children: ['Cat'] }]);
		expect(richFor('Dog (edited)', '<b>Cat</b>')).toBeUndefined();
		expect(richFor('Cat', undefined)).toBeUndefined();
	});

	it('is canonical: cleaning twice changes nothing, whatever the input', () => {
		const piece = fc.constantFrom(
			'<b>',
			'</b>',
			'<i>',
			'</em>',
			'<ul>',
			'<li>',
			'</li>',
			'</ol>',
			'<ol>',
			'<br>',
			'<div>',
			'</p>',
			'<img src="a.png">',
			'<img src=javascript:x>',
			'<script>',
			'</script>',
			'<svg>',
			' ',
			'\n',
			'&nbsp;',
			'&amp;',
			'<',
			'>',
			'x',
			'word',
			'[sound:a.mp3]',
			'<!--',
			'-->',
			'"',
			"'"
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 40 }), fc.string(), (pieces, noise) => {
				const once = clean(pieces.join('') + noise);
				expect(clean(once)).toBe(once);
				expect(isCanonicalRich(once)).toBe(true);
				expect(richText(parseRich(once))).toBe(richText(parseRich(pieces.join('') + noise)));
			}),
			{ numRuns: 2000 }
		);
	});

	it('never throws and never lets a tag or handler through on random input', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
				const out = clean(s);
				expect(out).not.toMatch(
					/<(?!\/?(b|i|u|sup|sub|ul|ol|li)>|br>|img src="[^"<>]*" alt="[^"<>]*">)/
				);
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('a set carrying rich text', () => {
	const set = (rich: Record<string, string>) => ({
		id: 's',
		title: 'S',
		questions: [{ id: 'q', type: 'flashcard', prompt: 'Cat', back: 'Tom', rich }]
	});
	it('is accepted in the canonical form and refused with anything else, naming the field', async () => {
		const { parseSet } = await import('./validate');
		expect(parseSet(set({ prompt: '<b>Cat</b>', back: '<img src="t.png" alt="">' })).ok).toBe(true);
		for (const hostile of [
			'<b onclick="x()">Cat</b>',
			'<img src="https://evil.example/x.png" alt="">',
			'<script>x()</script>Cat',
			'<B>Cat</B>'
		]) {
			const r = parseSet(set({ prompt: hostile }));
			expect(r.ok, hostile).toBe(false);
			if (!r.ok)
				expect(r.problems[0]!.message).toMatch(/rich prompt holds markup that is not allowed/);
		}
	});
});
