import type { Job, PgBoss, Queue, WorkOptions } from 'pg-boss';
import type { Sql } from '../db';

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

/** Every queue the app knows. Start-up fails if one lacks a handler in `app.ts` HANDLERS. */
export const QUEUES = {
	'system.cleanup': { cron: '17 3 * * *' },
	// uploads are read here, not in the request: the import page waits for the report, so poll often
	'catalogue.check': { work: { pollingIntervalSeconds: 0.5 } },
	'catalogue.import': {},
	// enqueued on approval; the PDF renderer ([5]) and the upward feed fill them
	'plan.render': {},
	// a submitted report's PDF or XLSX, asked for on its first download
	'report.render': {},
	// a shared summary's PDF or PNG, asked for on its first download; the page refreshes until done
	'summary.render': { work: { pollingIntervalSeconds: 0.5 } },
	'feed.deliver': {},
	// 08:10 in Bishkek (02:10 UTC): staff hear of reports due within a week and of late ones, once each
	'reports.remind': { cron: '10 2 * * *' }
} satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof QUEUES;

/** The handler of each queue. The handlers live in their domains and are assembled where the app is wired (`app.ts`), so this module depends on no domain. */
export type Handlers = Record<QueueName, JobHandler>;

/** Throws when a declared queue has no handler or a handler no queue, so a typo cannot leave jobs unprocessed. */
export function checkRegistry(
	handlers: Record<string, unknown>,
	queues: Record<string, unknown> = QUEUES
): void {
	const missing = Object.keys(queues).filter((q) => typeof handlers[q] !== 'function');
	const orphan = Object.keys(handlers).filter((h) => !(h in queues));
	if (missing.length || orphan.length) {
		throw new Error(
			`Job registry is inconsistent: queues without handler [${missing.join(', ')}], handlers without queue [${orphan.join(', ')}]`
		);
	}
}
