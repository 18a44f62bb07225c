import type { PgBoss } from 'pg-boss';
import { connect, databaseUrl, type Sql } from './db';
import { migrate } from './db/migrate';
import { startBoss } from './jobs';
import { nodeLine, requireSupportedNode } from './runtime';

/** The process-wide pool and job queue of the web server, opened once by `hooks.server.ts` init. */
let pool: Sql | null = null;
let boss: PgBoss | null = null;

export function sql(): Sql {
	if (!pool) throw new Error('The database pool is not open: the server has not started.');
	return pool;
}

export function jobs(): PgBoss {
	if (!boss) throw new Error('The job queue is not started.');
	return boss;
}

/** Migrates, opens the pool and starts pg-boss; with WORKERS=off, jobs are only enqueued here and `npm run worker` runs them. */
export async function start(): Promise<void> {
	if (pool) return;
	requireSupportedNode();
	console.log(`Aiyl Plan server on ${nodeLine()}`);
	const url = databaseUrl();
	if (process.env.MIGRATE_ON_START !== 'off') await migrate(url, { quiet: true });
	// a request never waits on one statement longer than this (the PDF renders outside SQL)
	pool = connect(url, { statementTimeoutMs: 30_000 });
	boss = await startBoss({ databaseUrl: url, sql: pool, work: process.env.WORKERS !== 'off' });
	// adapter-node emits this after the HTTP server closes; without it open pools keep the process alive
	process.once('sveltekit:shutdown' as never, () => void stop());
}

export async function stop(): Promise<void> {
	const b = boss;
	const p = pool;
	boss = null;
	pool = null;
	await b?.stop({ graceful: true, timeout: 10_000 }).catch((e) => console.error('[jobs] stop', e));
	await p?.end({ timeout: 5 });
}
