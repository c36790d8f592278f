// Starts scripts/lib/hub/main.ts as a real child process (for kill -9 and scale-out tests,
// and the bench). Node runs it through tsx's loader directly, so the pid is the hub's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

export interface HubProcess {
	child: ChildProcess;
	port: number;
	url: string;
	/** Everything the hub printed on stderr (its log). */
	log: string[];
	stop(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnHub(args: {
	data: string;
	port?: number;
	redis?: string;
}): Promise<HubProcess> {
	const argv = ['--import', 'tsx', MAIN, '--data', args.data, '--port', String(args.port ?? 0)];
	if (args.redis) argv.push('--redis', args.redis);
	const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
	const log: string[] = [];
	child.stderr!.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the hub did not start in 20 s:\n${log.join('\n')}`));
		}, 20_000);
		let out = '';
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const line = out.split('\n').find((l) => l.startsWith('{"port"'));
			if (!line) return;
			clearTimeout(timer);
			const port = (JSON.parse(line) as { port: number }).port;
			resolve({
				child,
				port,
				url: `http://127.0.0.1:${port}`,
				log,
				stop: (signal = 'SIGKILL') =>
					new Promise<void>((r) => {
						if (child.exitCode !== null || child.signalCode !== null) return r();
						const force = setTimeout(() => child.kill('SIGKILL'), 3000);
						child.once('exit', () => (clearTimeout(force), r()));
						child.kill(signal);
					})
			});
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the hub exited (${code}) before listening:\n${log.join('\n')}`));
		});
	});
}
