// Every unit test gets a fresh in-memory IndexedDB, so storage tests never share state.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});
