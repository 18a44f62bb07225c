/**
 * The job handlers in a worker thread of the web process: a PDF layout (pdfmake is synchronous) or a
 * catalogue import then runs beside the requests instead of stopping them. The thread loads this same
 * module (the built chunk it ends up in) and starts pg-boss with the handlers on its own small pool.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { setPriority } from 'node:os';
import { connect } from '../db';
import { startBoss } from '.';

const ROLE = 'aiyl-jobs';

/** True when this module can be loaded as a thread's entry: the built server, not TypeScript under Vite's dev server. */
export function canRunInThread(): boolean {
	return import.meta.url.endsWith('.js');
}

/** Starts the job thread; resolves once its handlers are registered. */
export async function startJobThread(databaseUrl: string): Promise<{ stop: () => Promise<void> }> {
	const worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE, databaseUrl } });
	worker.unref();
	await new Promise<void>((resolve, reject) => {
		const failed = (e: unknown) => reject(e instanceof Error ? e : new Error(`job thread stopped (${String(e)})`));
		worker.once('error', failed);
		worker.once('exit', failed);
		worker.once('message', (m) => {
			worker.off('error', failed);
			worker.off('exit', failed);
			if (m === 'ready') resolve();
			else reject(new Error(String(m)));
		});
	});
	worker.on('error', (e) => console.error('[jobs] thread', e));
	return {
		stop: () =>
			new Promise<void>((resolve) => {
				const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 15_000);
				worker.once('exit', () => {
					clearTimeout(timer);
					resolve();
				});
				worker.postMessage('stop');
			})
	};
}

async function runThread(databaseUrl: string) {
	// the layout of a long PDF yields the two cores to requests first (on Linux this sets the thread's own nice value)
	try {
		setPriority(10);
	} catch {
		// not permitted here: same priority as the requests
	}
	const sql = connect(databaseUrl, { max: 4 });
	const boss = await startBoss({ databaseUrl, sql, work: true });
	parentPort!.on('message', async (m) => {
		if (m !== 'stop') return;
		await boss.stop({ graceful: true, timeout: 10_000 }).catch((e) => console.error('[jobs] stop', e));
		await sql.end({ timeout: 5 });
		process.exit(0);
	});
	parentPort!.postMessage('ready');
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
	runThread((workerData as { databaseUrl: string }).databaseUrl).catch((e) => {
		parentPort!.postMessage(`job thread failed: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	});
}
