/**
 * The job handlers in a child process of the web server, started with a lower CPU priority: a PDF
 * layout (pdfmake is synchronous) or a catalogue import then runs beside the requests instead of
 * stopping them, its garbage collection included. The child runs this same module (the built chunk
 * it ends up in) and starts pg-boss with the handlers on its own small pool.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect } from '../db';
import { startBoss } from '.';

const ROLE = 'AIYL_JOB_WORKER';
const NICE = '10';

/** True when this module can be a process's entry: the built server, not TypeScript under Vite's dev server. */
export function canRunInChild(): boolean {
	return import.meta.url.endsWith('.js');
}

let niceAvailable: boolean | null = null;

/**
 * Starts the job process and returns at once (jobs wait in the queue until it is up); it is
 * started again if it dies, at most once every 10 seconds.
 */
export function startJobProcess(databaseUrl: string): { stop: () => Promise<void> } {
	let child: ChildProcess | null = null;
	let stopping = false;
	let lastStart = 0;
	const launch = () => {
		lastStart = Date.now();
		niceAvailable ??= spawnSync('nice', ['-n', NICE, 'true']).status === 0;
		const entry = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url)];
		const [cmd, ...args] = niceAvailable ? ['nice', '-n', NICE, ...entry] : entry;
		child = spawn(cmd, args, {
			env: { ...process.env, [ROLE]: databaseUrl },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		child.on('exit', (code, signal) => {
			child = null;
			if (stopping) return;
			console.error(`[jobs] the job process stopped (${signal ?? code}); starting it again`);
			setTimeout(launch, Math.max(0, 10_000 - (Date.now() - lastStart)));
		});
	};
	launch();
	return {
		stop: () =>
			new Promise<void>((resolve) => {
				stopping = true;
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

async function runJobs(databaseUrl: string) {
	const sql = connect(databaseUrl, { max: 4 });
	const boss = await startBoss({ databaseUrl, sql, work: true });
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

const url = process.env[ROLE];
if (url && process.send) {
	runJobs(url).catch((e) => {
		console.error('[jobs] the job process failed to start', e);
		process.exit(1);
	});
}
