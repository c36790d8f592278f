// The Settings screen's state: the study settings form, storage status, and backup.
// An import or erase replaces the settings too, so the form reloads after either.
import { BackupPanel, type SaveFile } from './backup-panel.svelte';
import { appDeps, type Deps } from '$lib/platform/deps';
import { downloadFile } from '$lib/platform/files';
import { inPageBackupJobs, workerBackupJobs, type BackupJobs } from './backup-jobs';
import { OptimizerPanel, type Optimize } from './optimizer-panel.svelte';
import { WorkloadForm } from './workload-form.svelte';
import { SettingsForm } from './settings-form.svelte';
import { browserPersistence, StorageInfo, type PersistenceApi } from './storage-info.svelte';

export class SettingsPage {
	readonly form: SettingsForm;
	readonly storage: StorageInfo;
	readonly backup: BackupPanel;
	readonly optimizer: OptimizerPanel;
	readonly workload: WorkloadForm;

	constructor(
		partial: Deps = {},
		{
			persistence = browserPersistence(appDeps(partial)),
			save = downloadFile,
			optimize,
			jobs
		}: {
			persistence?: PersistenceApi;
			save?: SaveFile;
			optimize?: Optimize;
			jobs?: BackupJobs;
		} = {}
	) {
		const deps = appDeps(partial);
		// In the browser the long backup jobs run in a Worker (no frozen page at 100k cards).
		jobs ??=
			typeof Worker === 'undefined' ? inPageBackupJobs(() => deps.open()) : workerBackupJobs();
		this.form = new SettingsForm(deps);
		this.storage = new StorageInfo(persistence);
		this.optimizer = new OptimizerPanel(deps, optimize);
		this.workload = new WorkloadForm(deps);
		this.backup = new BackupPanel(deps, {
			save,
			jobs,
			onReplaced: () =>
				Promise.all([
					this.form.load(),
					this.storage.refresh(),
					this.optimizer.load(),
					this.workload.load()
				]).then(() => {})
		});
	}

	/** Loads everything; call once in the browser (after mount). */
	async start(): Promise<void> {
		await Promise.all([
			this.form.load(),
			this.storage.refresh(),
			this.backup.load(),
			this.optimizer.load(),
			this.workload.load()
		]);
	}
}
