import { PgBoss, type Job, type SendOptions } from 'pg-boss';
import { CONNECT_TIMEOUT_S, isDatabaseUnavailable, transaction, type Sql } from '../db';
import {
	QUEUES,
	checkRegistry,
	type Handlers,
	type QueueDefinition,
	type QueueName
} from './registry';

export {
	QUEUES,
	checkRegistry,
	type Handlers,
	type JobContext,
	type JobHandler,
	type QueueName
} from './registry';
export const BOSS_SCHEMA = 'pgboss';

/**
 * Creates pg-boss on its own schema with every queue of the registry; `work` also starts the
 * handlers in this process (then `handlers`, one per queue, are required: see `app.ts` HANDLERS).
 */
export async function startBoss(options: {
	databaseUrl: string;
	sql: Sql;
	work: boolean;
	handlers?: Handlers;
}): Promise<PgBoss> {
	if (options.work && !options.handlers)
		throw new Error('startBoss: workers need the handlers of every queue');
	if (options.handlers) checkRegistry(options.handlers);
	const handlers = options.handlers;
	await setAsideV10Schema(options.sql);
	const boss = new PgBoss({
		connectionString: options.databaseUrl,
		schema: BOSS_SCHEMA,
		max: 4,
		application_name: 'aiyl-plan-jobs',
		// handed on to pg-boss's own node-postgres pool, which would otherwise wait for a connection without limit
		...{ connectionTimeoutMillis: CONNECT_TIMEOUT_S * 1000 },
		// cron and maintenance run only where workers run
		schedule: options.work,
		supervise: options.work
	});
	// while the database is away every worker reports each poll: one line each, not the whole client object
	boss.on('error', (e) =>
		console.error('[jobs]', isDatabaseUnavailable(e) ? `database unavailable: ${e.message}` : e)
	);
	surviveOutages();
	await boss.start();
	for (const [name, def] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
		await boss.createQueue(name);
		if (options.work && 'cron' in def && def.cron) await boss.schedule(name, def.cron);
	}
	const moved = await moveV10Jobs(options.sql, boss);
	if (moved) console.log(`[jobs] ${moved} unfinished job(s) moved over from the pg-boss 10 schema`);
	if (options.work && handlers) {
		for (const [name, def] of Object.entries(QUEUES) as [QueueName, QueueDefinition][]) {
			await boss.work(name, def.work ?? {}, (jobs) =>
				handlers[name]({ sql: options.sql, boss }, jobs as Job<object>[])
			);
		}
	}
	return boss;
}

// pg-boss 10 left its tables at schema version 24; pg-boss 11 rewrote them and migrates only from
// version 25 on. So a pg-boss 10 schema is set aside before start (pg-boss then installs its own
// afresh) and its unfinished jobs are queued again in the new one.
const V10_SCHEMA = `${BOSS_SCHEMA}_v10`;
const UPGRADE_LOCK = 'aiyl-plan: pg-boss 10 upgrade';

/** Renames a pg-boss 10 schema to `pgboss_v10`; several servers starting at once do it once. */
async function setAsideV10Schema(sql: Sql): Promise<void> {
	await transaction(sql, async (tx) => {
		await tx`select pg_advisory_xact_lock(hashtext(${UPGRADE_LOCK}))`;
		const versionTable = (
			await tx<
				{ name: string | null }[]
			>`select to_regclass(${`${BOSS_SCHEMA}.version`})::text as name`
		)[0]!;
		if (!versionTable.name) return;
		const [row] = await tx.unsafe<{ version: number }[]>(
			`select version from ${BOSS_SCHEMA}.version`
		);
		if (!row || Number(row.version) >= 25) return;
		await tx.unsafe(`alter schema ${BOSS_SCHEMA} rename to ${V10_SCHEMA}`);
	});
}

/** Queues again, in the current schema, every job pg-boss 10 had not finished, then drops its schema: all in one transaction. */
async function moveV10Jobs(sql: Sql, boss: PgBoss): Promise<number> {
	return transaction(sql, async (tx) => {
		await tx`select pg_advisory_xact_lock(hashtext(${UPGRADE_LOCK}))`;
		const jobTable = (
			await tx<{ name: string | null }[]>`select to_regclass(${`${V10_SCHEMA}.job`})::text as name`
		)[0]!;
		if (!jobTable.name) return 0;
		const jobs = await tx.unsafe<
			{
				name: QueueName;
				data: object | null;
				priority: number;
				startAfter: Date;
				singletonKey: string | null;
				retryLimit: number;
			}[]
		>(
			`select name, data, priority, start_after, singleton_key, retry_limit
			from ${V10_SCHEMA}.job
			where state in ('created', 'retry', 'active')
				and name = any($1)
			order by created_on`,
			[Object.keys(QUEUES)]
		);
		for (const job of jobs) {
			await sendInTransaction(boss, tx, job.name, job.data ?? {}, {
				priority: job.priority,
				startAfter: job.startAfter,
				singletonKey: job.singletonKey ?? undefined,
				retryLimit: job.retryLimit
			});
		}
		await tx.unsafe(`drop schema ${V10_SCHEMA} cascade`);
		return jobs.length;
	});
}

let surviving = false;

/**
 * pg-boss 10 does not await the call that marks a finished job complete or failed: when the
 * database goes away while a job runs, that call rejects unhandled and Node would end the process
 * (the web server with it). Such a rejection is logged (the job is retried once its lease
 * expires); any other unhandled rejection still ends the process, as by default.
 */
function surviveOutages(): void {
	if (surviving) return;
	surviving = true;
	process.on('unhandledRejection', (e) => {
		if (!isDatabaseUnavailable(e)) throw e;
		console.error('[jobs] database unavailable:', (e as Error).message);
	});
}

/** Sends a job inside the caller's Postgres.js transaction, so the job exists exactly when the change that causes it commits. */
export async function sendInTransaction(
	boss: PgBoss,
	tx: Sql,
	name: QueueName,
	data: object,
	options: SendOptions = {}
): Promise<string | null> {
	const db = {
		// pg-boss leaves unset options undefined; Postgres.js wants null
		executeSql: async (text: string, values: unknown[] = []) => ({
			rows: await tx.unsafe(text, values.map((v) => (v === undefined ? null : v)) as never[])
		})
	};
	return boss.send(name, data, { ...options, db } as SendOptions);
}

export interface QueueStat {
	name: string;
	queued: number;
	active: number;
	failed: number;
}

/** Queue sizes per state, for the system page. */
export async function queueStats(sql: Sql): Promise<QueueStat[]> {
	return sql<QueueStat[]>`
		select q.name,
			count(j.id) filter (where j.state in ('created', 'retry'))::int as queued,
			count(j.id) filter (where j.state = 'active')::int as active,
			count(j.id) filter (where j.state = 'failed')::int as failed
		from pgboss.queue q left join pgboss.job j on j.name = q.name
		group by q.name order by q.name`;
}

export interface FailedJob {
	id: string;
	name: string;
	createdOn: Date;
	completedOn: Date | null;
	output: unknown;
}

export async function failedJobs(sql: Sql, limit = 20): Promise<FailedJob[]> {
	return sql<FailedJob[]>`
		select id, name, created_on, completed_on, output from pgboss.job
		where state = 'failed' order by completed_on desc nulls last limit ${limit}`;
}
