import { describe, expect, it } from 'vitest';
import {
	BACKUP_MAX_BYTES,
	countCards,
	countReviews,
	exportBackup,
	getCard,
	getMeta,
	getSrsSettings,
	importBackup,
	putSrsSettings
} from '$lib/platform/storage';
import { SettingsPage } from './settings-page.svelte';
import { inPageBackupJobs, type BackupJobs } from './backup-jobs';
import type { PersistenceApi } from './storage-info.svelte';
import { sampleBackup, syntheticBackup } from '$lib/platform/storage/backup-fixture';
import { allCards, damageCard } from '$lib/platform/storage/test-helpers';
import { BUNDLED, BUNDLED_QUESTIONS, NOW, testDeps } from '$lib/platform/test-deps';

function page(deps = testDeps(), persistence?: PersistenceApi) {
	const saved: { name: string; text: string }[] = [];
	const p = new SettingsPage(deps, {
		// The page's own jobs (no Worker in Node) hand back text.
		save: (name, text) => saved.push({ name, text: String(text) }),
		persistence: persistence ?? {
			status: async () => ({ persisted: false, usage: 1_500_000, quota: 100_000_000 }),
			requestOnce: async () => 'denied',
			askAgain: async () => false
		}
	});
	return { p, deps, saved };
}

const file = (name: string, text: string) => ({
	name,
	size: new TextEncoder().encode(text).length,
	text: async () => text
});

const sample = () =>
	JSON.stringify(sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS }));

describe('SettingsForm', () => {
	it('shows defaults, refuses bad numbers with a plain error, and saves good ones', async () => {
		const { p, deps } = page();
		await p.start();
		const { form } = p;
		expect([form.retention, form.newPerDay, form.reviewsPerDay]).toEqual(['90', '20', '200']);
		expect(form.status.kind).toBe('ready');

		form.newPerDay = '2.5';
		form.reviewsPerDay = '-1';
		form.retention = '99';
		expect(form.error('newPerDay')).toBeUndefined(); // not judged before a save
		expect(await form.save()).toBe(false);
		expect(form.status.kind).toBe('invalid');
		expect(form.error('newPerDay')).toBe('Enter a whole number from 0 to 9999');
		expect(form.error('reviewsPerDay')).toBe('Enter a whole number from 0 to 99999');
		expect(form.error('retention')).toBe('Choose from 70% to 97%');
		expect(form.errorFields).toEqual(['retention', 'newPerDay', 'reviewsPerDay']);
		expect((await getSrsSettings(await deps.db())).newPerDay).toBe(20);

		form.retention = 85; // a range input binds a number
		form.newPerDay = ' 7 ';
		form.reviewsPerDay = '150';
		expect(form.error('newPerDay')).toBeUndefined();
		expect(await form.save()).toBe(true);
		expect(form.status.kind).toBe('saved');
		expect(form.newPerDay).toBe('7');
		const stored = await getSrsSettings(await deps.db());
		expect(stored).toMatchObject({ desiredRetention: 0.85, newPerDay: 7, reviewsPerDay: 150 });
		form.edited();
		expect(form.status.kind).toBe('ready');

		const again = page(deps).p;
		await again.start();
		expect([again.form.retention, again.form.newPerDay]).toEqual(['85', '7']);
	});
});

describe('BackupPanel import', () => {
	it('previews a backup without writing, then replaces everything on confirm', async () => {
		const { p, deps } = page();
		await p.start();
		const db = await deps.db();
		await putSrsSettings(db, { newPerDay: 3 });
		const backup = sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS });
		backup.stores.settings.push({ key: 'srs', value: { newPerDay: 11 } });
		const text = JSON.stringify(backup);

		await p.backup.choose(file('mine.json', text));
		const preview = p.backup.importState;
		expect(preview).toEqual({
			kind: 'preview',
			name: 'mine.json',
			incoming: {
				cards: backup.stores.cards.length,
				reviews: backup.stores.reviews.length,
				attempts: 1,
				sets: 1
			},
			current: { cards: 0, reviews: 0 }
		});
		expect(await countCards(db)).toBe(0); // nothing written yet

		await p.backup.confirmImport();
		expect(p.backup.importState).toMatchObject({ kind: 'done', counts: { attempts: 1, sets: 1 } });
		expect(await countCards(db)).toBe(backup.stores.cards.length);
		expect(await countReviews(db)).toBe(backup.stores.reviews.length);
		expect(p.form.newPerDay).toBe('11'); // the form shows the restored settings
	});

	it('cancelling a preview changes nothing', async () => {
		const { p, deps } = page();
		await p.backup.choose(file('b.json', sample()));
		p.backup.cancelImport();
		await p.backup.confirmImport();
		expect(p.backup.importState.kind).toBe('idle');
		expect(await countCards(await deps.db())).toBe(0);
	});

	it('Cancel during a restore stops it and leaves the old data exactly as it was', async () => {
		const { p, deps } = page();
		await p.start();
		const db = await deps.db();
		await importBackup(db, sample());
		const before = await exportBackup(db);
		const big = JSON.stringify(syntheticBackup({ now: NOW, setId: BUNDLED.id, reviews: 6_000 }));
		await p.backup.choose(file('big.json', big));
		expect(p.backup.importState.kind).toBe('preview');
		const restoring = p.backup.confirmImport();
		expect(p.backup.importState.kind).toBe('importing');
		p.backup.cancelImport();
		await restoring;
		expect(p.backup.importState).toEqual({ kind: 'cancelled', name: 'big.json' });
		expect(await exportBackup(db)).toBe(before);
	});

	it('shows how far a restore has got', async () => {
		const deps = testDeps();
		const inner = inPageBackupJobs(() => deps.open());
		const seen: unknown[] = [];
		// What the screen shows each time the restore reports a step.
		const jobs: BackupJobs = {
			...inner,
			restore: (onProgress) =>
				inner.restore((progress) => {
					onProgress?.(progress);
					seen.push(p.backup.importState);
				})
		};
		const p = new SettingsPage(deps, { save: () => {}, jobs });
		await p.start();
		const big = JSON.stringify(syntheticBackup({ now: NOW, setId: BUNDLED.id, reviews: 6_000 }));
		await p.backup.choose(file('big.json', big));
		await p.backup.confirmImport();
		expect(p.backup.importState.kind).toBe('done');
		expect(seen.length).toBeGreaterThan(2);
		expect(seen.at(-1)).toMatchObject({
			kind: 'importing',
			name: 'big.json',
			progress: { step: 'writing' }
		});
		const done = seen.map((s) => (s as { progress: { done: number } }).progress.done);
		expect(done).toEqual([...done].sort((a, b) => a - b));
	});

	it('shows how far Check database has got, and Cancel repairs nothing', async () => {
		const deps = testDeps();
		const inner = inPageBackupJobs(() => deps.open());
		const seen: unknown[] = [];
		let cancelAt = 1;
		const jobs: BackupJobs = {
			...inner,
			checkDatabase: (known, onProgress) =>
				inner.checkDatabase(known, (progress) => {
					onProgress?.(progress);
					seen.push(p.backup.checkState);
					if (seen.length === cancelAt) p.backup.cancelCheck();
				})
		};
		const p = new SettingsPage(deps, { save: () => {}, jobs });
		await p.start();
		const db = await deps.db();
		await importBackup(db, sample());
		const [card] = await allCards(db);
		await damageCard(db, card!.id, (c) => ({ ...c, due: NaN }));
		const damaged = await exportBackup(db);

		await p.backup.checkNow();
		expect(seen[0]).toMatchObject({ kind: 'running', progress: { done: 0 } });
		expect(p.backup.checkState).toEqual({ kind: 'cancelled' });
		expect(await exportBackup(db)).toBe(damaged);

		cancelAt = 0;
		seen.length = 0;
		await p.backup.checkNow();
		expect(p.backup.checkState).toMatchObject({ kind: 'done', report: { rebuiltCards: 1 } });
		const last = seen.at(-1) as { progress: { done: number; total: number } };
		expect(last.progress.done).toBe(last.progress.total);
		expect(last.progress.total).toBeGreaterThan(0);
	});

	it('explains a wrong, broken or too-large file and changes nothing', async () => {
		const { p, deps } = page();
		const db = await deps.db();
		await importBackup(db, sample());
		const before = await exportBackup(db);
		const broken = JSON.parse(sample());
		broken.stores.cards[0].due = 'soon';
		let read = false;
		const cases: [Parameters<typeof p.backup.choose>[0], RegExp][] = [
			[file('x.json', '{"stores": '), /not valid JSON/],
			[file('x.json', ''), /not valid JSON/],
			[file('photo.png', '\x89PNG\r\n'), /not valid JSON/],
			[file('set.json', '{"id":"a","questions":[]}'), /not a Studydeck backup/],
			[file('x.json', JSON.stringify(broken)), /damaged/],
			[
				file('x.json', sample().replace('"version":1', '"version":7')),
				/version of Studydeck this one cannot read/
			],
			[
				{
					name: 'huge.json',
					size: BACKUP_MAX_BYTES + 1,
					text: async () => {
						read = true;
						return '';
					}
				},
				/too large \(200\.1 MB\): a Studydeck backup is at most 200 MB/
			]
		];
		for (const [f, message] of cases) {
			await p.backup.choose(f);
			const state = p.backup.importState;
			expect(state.kind, f.name).toBe('invalid');
			if (state.kind === 'invalid') {
				expect(state.message).toMatch(message);
				expect(state.message).toMatch(/Nothing was changed/);
			}
			await p.backup.confirmImport(); // no-op: nothing pending
		}
		expect(read).toBe(false);
		expect(await exportBackup(db)).toBe(before);
		expect(deps.reported).toEqual([]);
	});
});

describe('BackupPanel export', () => {
	it('downloads a dated file, records the time, and round-trips byte for byte', async () => {
		const { p, deps, saved } = page();
		const db = await deps.db();
		await importBackup(db, sample());
		await p.start();
		expect(p.backup.lastBackupAt).toBeUndefined();
		await p.backup.exportNow();
		const d = new Date(NOW);
		const ymd = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
		expect(saved[0]?.name).toBe(`studydeck-backup-${ymd}.json`);
		expect(p.backup.exportState).toEqual({ kind: 'done', name: saved[0]?.name });
		expect(p.backup.lastBackupAt).toBe(NOW);
		expect(await getMeta(db, 'lastBackupAt')).toBe(NOW);

		p.backup.askErase();
		await p.backup.confirmErase();
		expect(p.backup.eraseState.kind).toBe('done');
		expect(await countReviews(db)).toBe(0);
		expect(p.backup.lastBackupAt).toBeUndefined();

		await p.backup.choose(file(saved[0]!.name, saved[0]!.text));
		await p.backup.confirmImport();
		await p.backup.exportNow();
		expect(saved[1]?.text).toBe(saved[0]?.text);
	});

	it('erases only after confirmation', async () => {
		const { p, deps } = page();
		const db = await deps.db();
		await importBackup(db, sample());
		await p.backup.confirmErase(); // not asked yet: nothing happens
		p.backup.askErase();
		p.backup.cancelErase();
		await p.backup.confirmErase();
		expect(await countReviews(db)).toBeGreaterThan(0);
		expect(p.backup.eraseState.kind).toBe('idle');
	});
});

describe('BackupPanel check', () => {
	it('repairs once, then finds no problems', async () => {
		const { p, deps } = page();
		const db = await deps.db();
		const backup = sampleBackup({ now: NOW, setId: BUNDLED.id, questionIds: BUNDLED_QUESTIONS });
		// A card gone (its reviews become orphans) and a card for a question the set lost.
		const gone = backup.stores.cards.shift()!;
		const orphans = backup.stores.reviews.filter((r) => r.cardId === gone.id).length;
		const renamed = backup.stores.cards[0]!;
		const old = renamed.id;
		renamed.questionId = 'removed-question';
		renamed.id = `${BUNDLED.id}/removed-question`;
		for (const r of backup.stores.reviews.filter((r) => r.cardId === old)) {
			r.questionId = renamed.questionId;
			r.cardId = renamed.id;
			r.before = { ...r.before, id: renamed.id, questionId: renamed.questionId };
		}
		await importBackup(db, JSON.stringify(backup));

		await p.backup.checkNow();
		const first = p.backup.checkState;
		expect(first.kind).toBe('done');
		if (first.kind !== 'done') return;
		expect(first.clean).toBe(false);
		// The lost card is rebuilt from its latest answer: its history is kept.
		expect(orphans).toBeGreaterThan(0);
		expect(first.report).toMatchObject({ orphanReviews: 0, rebuiltCards: 1 });
		expect(await getCard(db, gone.id)).toEqual(gone);
		expect(first.report.unknownQuestions).toBe(1);

		await p.backup.checkNow();
		const second = p.backup.checkState;
		expect(second).toMatchObject({ kind: 'done', clean: true, report: { rebuiltCards: 0 } });
	});
});

describe('StorageInfo', () => {
	it('shows the status and asks again when the one-time ask already happened', async () => {
		let persisted = false;
		let asked = 0;
		const { p } = page(testDeps(), {
			status: async () => ({ persisted, usage: 2 * 1024 * 1024, quota: 8 * 1024 * 1024 }),
			requestOnce: async () => 'asked-before',
			askAgain: async () => {
				asked++;
				persisted = true;
				return true;
			}
		});
		await p.start();
		expect(p.storage.current?.persisted).toBe(false);
		expect(p.storage.share).toBe(0.25);
		await p.storage.keep();
		expect(asked).toBe(1);
		expect(p.storage.current?.persisted).toBe(true);
		expect(p.storage.refused).toBe(false);
	});

	it('says so when the browser refuses', async () => {
		const { p } = page();
		await p.start();
		await p.storage.keep();
		expect(p.storage.refused).toBe(true);
	});
});
