import type { PgBoss } from 'pg-boss';
import { connect, databaseUrl, type Sql } from './db';
import { migrate } from './db/migrate';
import { startBoss } from './jobs';
import { canRunInThread, startJobThread } from './jobs/thread';
import { nodeLine, requireSupportedNode } from './runtime';

/** The process-wide pool and job queue of the web server, opened once by `hooks.server.ts` init. */
let pool: Sql | null = null;
let boss: PgBoss | null = null;
let jobThread: { stop: () => Promise<void> } | null = null;

export function sql(): Sql {
	if (!pool) throw new Error('The database pool is not open: the server has not started.');
	return pool;
}

export function jobs(): PgBoss {
	if (!boss) throw new Error('The job queue is not started.');
	return boss;
}

/**
 * Migrates, opens the pool and starts pg-boss for sending jobs. The handlers run in a worker thread
 * by default (WORKERS=on), so a PDF layout never holds up requests; WORKERS=off leaves them to
 * `npm run worker`; WORKERS=inline (and the Vite dev server) runs them in this thread.
 */
export async function start(): Promise<void> {
	if (pool) return;
	requireSupportedNode();
	console.log(`Aiyl Plan server on ${nodeLine()}`);
	const url = databaseUrl();
	if (process.env.MIGRATE_ON_START !== 'off') await migrate(url, { quiet: true });
	pool = connect(url);
	const mode = process.env.WORKERS ?? 'on';
	const inThread = mode !== 'off' && mode !== 'inline' && canRunInThread();
	boss = await startBoss({ databaseUrl: url, sql: pool, work: mode !== 'off' && !inThread });
	// after this process's pg-boss has set up (or upgraded) its schema, so the two never race at it
	jobThread = inThread ? await startJobThread(url) : null;
	// adapter-node emits this after the HTTP server closes; without it open pools keep the process alive
	process.once('sveltekit:shutdown' as never, () => void stop());
}

export async function stop(): Promise<void> {
	const b = boss;
	const p = pool;
	const thread = jobThread;
	boss = null;
	pool = null;
	jobThread = null;
	await thread?.stop();
	await b?.stop({ graceful: true, timeout: 10_000 }).catch((e) => console.error('[jobs] stop', e));
	await p?.end({ timeout: 5 });
}
