import PgBoss from 'pg-boss';
import type { Sql } from '../db';
import { QUEUES, HANDLERS, checkRegistry, type QueueDefinition, type QueueName } from './registry';

export { QUEUES, type QueueName } from './registry';
export const BOSS_SCHEMA = 'pgboss';

/** Creates pg-boss on its own schema with every queue of the registry; `work` also starts the handlers in this process. */
export async function startBoss(options: { databaseUrl: string; sql: Sql; work: boolean }): Promise<PgBoss> {
	checkRegistry();
	const boss = new PgBoss({
		connectionString: options.databaseUrl,
		schema: BOSS_SCHEMA,
		max: 4,
		application_name: 'aiyl-plan-jobs',
		// cron and maintenance run only where workers run
		schedule: options.work,
		supervise: options.work
	});
	boss.on('error', (e) => console.error('[jobs]', e));
	await boss.start();
	for (const [name, def] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
		await boss.createQueue(name);
		if (options.work && 'cron' in def && def.cron) await boss.schedule(name, def.cron);
	}
	if (options.work) {
		for (const [name, def] of Object.entries(QUEUES) as [QueueName, QueueDefinition][]) {
			await boss.work(name, def.work ?? {}, (jobs) => HANDLERS[name]({ sql: options.sql, boss }, jobs as PgBoss.Job<object>[]));
		}
	}
	return boss;
}

/** Sends a job inside the caller's Postgres.js transaction, so the job exists exactly when the change that causes it commits. */
export async function sendInTransaction(boss: PgBoss, tx: Sql, name: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
	const db = {
		// pg-boss leaves unset options undefined; Postgres.js wants null
		executeSql: async (text: string, values: unknown[] = []) => ({
			rows: await tx.unsafe(text, values.map((v) => (v === undefined ? null : v)) as never[])
		})
	};
	return boss.send(name, data, { ...options, db } as PgBoss.SendOptions);
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
