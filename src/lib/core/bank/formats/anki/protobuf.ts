// Just enough protobuf to read what new Anki collections keep in blobs: the note type's
// kind (normal or cloze), a template's front and back, and the media map's file names.
// Field numbers follow Anki's proto files (notetypes.proto, import_export.proto).

type Field = { n: number; wire: number; int?: number; bytes?: Uint8Array };

/** Top-level fields of one message; unknown wire types end the read. */
export function fields(buf: Uint8Array): Field[] {
	const out: Field[] = [];
	let i = 0;
	const varint = (): number => {
		let result = 0;
		let mul = 1;
		for (let k = 0; k < 10; k++) {
			if (i >= buf.length) throw new Error('truncated protobuf');
			const b = buf[i++]!;
			result += (b & 0x7f) * mul;
			if (!(b & 0x80)) return result;
			mul *= 128;
		}
		throw new Error('bad varint');
	};
	while (i < buf.length) {
		const key = varint();
		const n = Math.floor(key / 8);
		const wire = key & 7;
		if (wire === 0) out.push({ n, wire, int: varint() });
		else if (wire === 2) {
			const len = varint();
			if (i + len > buf.length) throw new Error('truncated protobuf');
			out.push({ n, wire, bytes: buf.subarray(i, i + len) });
			i += len;
		} else if (wire === 1) i += 8;
		else if (wire === 5) i += 4;
		else throw new Error(`unsupported wire type ${wire}`);
	}
	return out;
}

const utf8 = new TextDecoder();

export const intField = (buf: Uint8Array, n: number): number | undefined =>
	fields(buf).find((f) => f.n === n && f.wire === 0)?.int;

export const stringField = (buf: Uint8Array, n: number): string | undefined => {
	const f = fields(buf).find((f) => f.n === n && f.wire === 2);
	return f?.bytes ? utf8.decode(f.bytes) : undefined;
};

/** `MediaEntries { repeated MediaEntry entries = 1 }`, `MediaEntry { string name = 1 }`. */
export function readMediaEntries(buf: Uint8Array): string[] {
	return fields(buf)
		.filter((f) => f.n === 1 && f.bytes)
		.map((f) => stringField(f.bytes!, 1) ?? '');
}
