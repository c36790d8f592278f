// Where a JSON text stops being JSON. V8's own message often gives no position, and a
// teacher fixing a hand-edited file needs the line. Runs only after JSON.parse has failed.

/** Offset of the first syntax error in `text`, or -1 if it is valid JSON. */
export function jsonErrorOffset(text: string): number {
	let i = 0;
	const ws = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
	};
	const fail = () => {
		throw i;
	};
	const lit = (word: string) => {
		if (text.startsWith(word, i)) i += word.length;
		else fail();
	};
	const str = () => {
		i++; // opening quote
		while (i < text.length) {
			const c = text.charCodeAt(i);
			if (c === 34) return void i++;
			if (c < 32) fail();
			if (c === 92) {
				i++;
				if (text[i] === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
					i += 5;
				} else if ('"\\/bfnrt'.includes(text[i] ?? '#')) i++;
				else fail();
			} else i++;
		}
		fail();
	};
	const num = () => {
		const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
		if (!m) fail();
		i += m![0].length;
	};
	const value = (): void => {
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			ws();
			if (text[i] === '}') return void i++;
			for (;;) {
				ws();
				if (text[i] !== '"') fail();
				str();
				ws();
				if (text[i] !== ':') fail();
				i++;
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === '}') return void i++;
				else fail();
			}
		} else if (c === '[') {
			i++;
			ws();
			if (text[i] === ']') return void i++;
			for (;;) {
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === ']') return void i++;
				else fail();
			}
		} else if (c === '"') str();
		else if (c === 't') lit('true');
		else if (c === 'f') lit('false');
		else if (c === 'n') lit('null');
		else num();
	};
	try {
		value();
		ws();
		return i < text.length ? i : -1;
	} catch (at) {
		return typeof at === 'number' ? at : -1;
	}
}
