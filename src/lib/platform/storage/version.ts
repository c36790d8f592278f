// The schema version this build opens. migrations.ts holds the steps up to it, loaded only
// when a database needs upgrading (db.ts), so the home page never downloads them;
// migrations.test.ts proves MIGRATIONS reaches exactly this version.
export const DB_VERSION = 7;
