/**
 * The job handlers in a child process of the web server, started with a lower CPU priority: a PDF
 * layout (pdfmake is synchronous) or a catalogue import then runs beside the requests instead of
 * stopping them, its garbage collection included. The child runs the module that wires the app
 * (`app.ts`, the built chunk it ends up in), which sees `jobProcessUrl()` and calls `runJobProcess`
 * with its handlers: pg-boss on the child's own small pool. Kept out of `jobs/`, which knows no domain.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect } from './db';
import { startBoss, type Handlers } from './jobs';

const ROLE = 'AIYL_JOB_WORKER';
const NICE = '10';

/** True when the module at `entry` can be a process's entry: the built server, not TypeScript under Vite's dev server. */
export function canRunInChild(entry: string): boolean {
	return entry.endsWith('.js');
}

/** In the job process, the database it works on; null in any other process. */
export function jobProcessUrl(): string | null {
	return (process.send && process.env[ROLE]) || null;
}

let niceAvailable: boolean | null = null;

/**
 * Starts the job process and returns at once (jobs wait in the queue until it is up); it is
 * started again if it dies, at most once every 10 seconds.
 */
export function startJobProcess(databaseUrl: string, entry: string): { stop: () => Promise<void> } {
	let child: ChildProcess | null = null;
	let stopping = false;
	let lastStart = 0;
	let relaunch: ReturnType<typeof setTimeout> | undefined;
	const launch = () => {
		lastStart = Date.now();
		niceAvailable ??= spawnSync('nice', ['-n', NICE, 'true']).status === 0;
		const node: [string, ...string[]] = [
			process.execPath,
			...process.execArgv,
			fileURLToPath(entry)
		];
		const [cmd, ...args]: [string, ...string[]] = niceAvailable
			? ['nice', '-n', NICE, ...node]
			: node;
		child = spawn(cmd, args, {
			env: { ...process.env, [ROLE]: databaseUrl },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		child.on('exit', (code, signal) => {
			child = null;
			if (stopping) return;
			console.error(`[jobs] the job process stopped (${signal ?? code}); starting it again`);
			relaunch = setTimeout(launch, Math.max(0, 10_000 - (Date.now() - lastStart)));
		});
	};
	launch();
	return {
		stop: () =>
			new Promise<void>((resolve) => {
				stopping = true;
				// a process that died just before waits for its restart: there is none
				clearTimeout(relaunch);
				const c = child;
				if (!c || c.exitCode !== null) return resolve();
				const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
				c.once('exit', () => {
					clearTimeout(timer);
					resolve();
				});
				c.send('stop');
			})
	};
}

/** The job process's life: the handlers on pg-boss until the web server asks it to stop or goes away. */
export async function runJobProcess(databaseUrl: string, handlers: Handlers): Promise<void> {
	const sql = connect(databaseUrl, { max: 4 });
	const boss = await startBoss({ databaseUrl, sql, work: true, handlers });
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await boss
			.stop({ graceful: true, timeout: 10_000 })
			.catch((e) => console.error('[jobs] stop', e));
		await sql.end({ timeout: 5 });
		process.exit(0);
	};
	process.on('message', (m) => m === 'stop' && void stop());
	// the web server is gone (crashed or killed): finish what is running and go too
	process.on('disconnect', () => void stop());
	process.on('SIGTERM', () => void stop());
	process.on('SIGINT', () => void stop());
}
