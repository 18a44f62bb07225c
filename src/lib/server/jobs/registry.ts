import type { Job, PgBoss, Queue, WorkOptions } from 'pg-boss';
import type { Sql } from '../db';
import { deleteExpiredSessions } from '../auth/session';
import { deleteOldAttempts } from '../auth/throttle';
import { deleteStaleChecks, runCheck, runImport } from '../catalogue/import';
import { renderJob } from '../documents';

export interface JobContext {
	sql: Sql;
	boss?: PgBoss;
}

export type JobHandler = (ctx: JobContext, jobs: Job<object>[]) => Promise<void>;

export interface QueueDefinition {
	/** A cron schedule (UTC) when the queue runs by itself. */
	cron?: string;
	/** How its worker polls, for queues a page waits on. */
	work?: WorkOptions;
	options?: Omit<Queue, 'name'>;
}

/** Every queue the app knows. Start-up fails if one lacks a handler below. */
export const QUEUES = {
	'system.cleanup': { cron: '17 3 * * *' },
	// uploads are read here, not in the request: the import page waits for the report, so poll often
	'catalogue.check': { work: { pollingIntervalSeconds: 0.5 } },
	'catalogue.import': {},
	// enqueued on approval; the PDF renderer ([5]) and the upward feed fill them
	'plan.render': {},
	'feed.deliver': {}
} satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof QUEUES;

/** The handler of each queue, living in its domain. */
export const HANDLERS: Record<QueueName, JobHandler> = {
	'system.cleanup': async ({ sql }) => {
		await deleteExpiredSessions(sql);
		await deleteOldAttempts(sql);
		await deleteStaleChecks(sql);
	},
	'catalogue.check': async ({ sql, boss }, jobs) => {
		if (!boss) throw new Error('catalogue.check needs the job queue to queue the load');
		for (const job of jobs) await runCheck(sql, boss, (job.data as { importId: number }).importId);
	},
	'catalogue.import': async ({ sql }, jobs) => {
		for (const job of jobs) await runImport(sql, (job.data as { importId: number }).importId);
	},
	'plan.render': async ({ sql, boss }, jobs) => {
		for (const job of jobs)
			await renderJob(sql, job.data as { documentId?: number; planId?: number }, boss);
	},
	// a placeholder until the upward feed exists: the job is kept (completed), none is lost
	'feed.deliver': async () => {}
};

/** Throws when a declared queue has no handler or a handler no queue, so a typo cannot leave jobs unprocessed. */
export function checkRegistry(
	queues: Record<string, unknown> = QUEUES,
	handlers: Record<string, unknown> = HANDLERS
): void {
	const missing = Object.keys(queues).filter((q) => typeof handlers[q] !== 'function');
	const orphan = Object.keys(handlers).filter((h) => !(h in queues));
	if (missing.length || orphan.length) {
		throw new Error(
			`Job registry is inconsistent: queues without handler [${missing.join(', ')}], handlers without queue [${orphan.join(', ')}]`
		);
	}
}
