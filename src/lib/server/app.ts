import type { PgBoss } from 'pg-boss';
import { connect, databaseUrl, type Sql } from './db';
import { migrate } from './db/migrate';
import { startBoss } from './jobs';
import { canRunInChild, startJobProcess } from './jobs/worker-process';
import { nodeLine, requireSupportedNode } from './runtime';

/** The process-wide pool and job queue of the web server, opened once by `hooks.server.ts` init. */
let pool: Sql | null = null;
let boss: PgBoss | null = null;
let jobProcess: { stop: () => Promise<void> } | null = null;

export function sql(): Sql {
	if (!pool) throw new Error('The database pool is not open: the server has not started.');
	return pool;
}

export function jobs(): PgBoss {
	if (!boss) throw new Error('The job queue is not started.');
	return boss;
}

/**
 * Migrates, opens the pool and starts pg-boss for sending jobs. The handlers run in a child process
 * at a lower CPU priority by default (WORKERS=on), so a PDF layout never holds up requests;
 * WORKERS=off leaves them to `npm run worker`; WORKERS=inline (and the Vite dev server) runs them here.
 */
export async function start(): Promise<void> {
	if (pool) return;
	requireSupportedNode();
	console.log(`Aiyl Plan server on ${nodeLine()}`);
	const url = databaseUrl();
	if (process.env.MIGRATE_ON_START !== 'off') await migrate(url, { quiet: true });
	// a request never waits on one statement longer than this (the PDF renders outside SQL)
	pool = connect(url, { statementTimeoutMs: 30_000 });
	const mode = process.env.WORKERS ?? 'on';
	const inChild = mode !== 'off' && mode !== 'inline' && canRunInChild();
	boss = await startBoss({ databaseUrl: url, sql: pool, work: mode !== 'off' && !inChild });
	// after this process's pg-boss has set up (or upgraded) its schema, so the two never race at it
	jobProcess = inChild ? startJobProcess(url) : null;
	// adapter-node emits this after the HTTP server closes; without it open pools keep the process alive
	process.once('sveltekit:shutdown' as never, () => void stop());
}

export async function stop(): Promise<void> {
	const b = boss;
	const p = pool;
	const jobs = jobProcess;
	boss = null;
	pool = null;
	jobProcess = null;
	await jobs?.stop();
	await b?.stop({ graceful: true, timeout: 10_000 }).catch((e) => console.error('[jobs] stop', e));
	await p?.end({ timeout: 5 });
}
