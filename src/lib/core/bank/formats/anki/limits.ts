// How large an .apkg and its parts may be; apart from package.ts so a page can check a
// file's size without loading the zip and zstd code.
export const APKG_LIMITS = {
	/** The .apkg file itself. Decks with years of media can be large; past this we refuse. */
	fileBytes: 100 * 1024 * 1024,
	/** The SQLite collection once inflated. */
	collectionBytes: 160 * 1024 * 1024,
	/** The media map (JSON or protobuf), once inflated. */
	mediaMapBytes: 8 * 1024 * 1024,
	/** How much larger than its compressed size an entry may claim to be. */
	maxRatio: 1000
} as const;
