import type { PgBoss } from 'pg-boss';
import { connect, databaseUrl, type Sql } from './db';
import { migrate } from './db/migrate';
import { startBoss, type Handlers } from './jobs';
import { deleteExpiredSessions } from './auth/session';
import { deleteOldAttempts } from './auth/throttle';
import { deleteOldThrottle } from './hearings/proposals';
import { deleteStaleChecks, runCheck, runImport } from './catalogue/import';
import { renderJob } from './documents';
import { renderReportJob } from './documents/report-documents';
import { remind } from './reports';
import { renderSummaryJob } from './summaries';
import { deliverJobs } from './feed';
import { canRunInChild, jobProcessUrl, runJobProcess, startJobProcess } from './job-process';
import { nodeLine, requireSupportedNode } from './runtime';

/** The handler of each queue of `jobs/registry.ts`, each living in its domain: assembled here, where the app is wired, so `jobs/` depends on no domain. */
export const HANDLERS: Handlers = {
	'system.cleanup': async ({ sql }) => {
		await deleteExpiredSessions(sql);
		await deleteOldAttempts(sql);
		await deleteOldThrottle(sql);
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
	'report.render': async ({ sql }, jobs) => {
		for (const job of jobs) await renderReportJob(sql, job.data as { documentId: number });
	},
	'summary.render': async ({ sql }, jobs) => {
		for (const job of jobs) await renderSummaryJob(sql, job.data as { documentId: number });
	},
	'feed.deliver': async ({ sql }, jobs) => {
		await deliverJobs(sql, jobs);
	},
	'reports.remind': async ({ sql }) => {
		await remind(sql);
	}
};

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
	const inChild = mode !== 'off' && mode !== 'inline' && canRunInChild(import.meta.url);
	const work = mode !== 'off' && !inChild;
	boss = await startBoss({
		databaseUrl: url,
		sql: pool,
		work,
		handlers: work ? HANDLERS : undefined
	});
	// after this process's pg-boss has set up (or upgraded) its schema, so the two never race at it;
	// the child loads this module (see the end of it)
	jobProcess = inChild ? startJobProcess(url, import.meta.url) : null;
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

// this module is the job process's entry (`startJobProcess`): there it runs the handlers, nothing else
const jobDatabase = jobProcessUrl();
if (jobDatabase) {
	runJobProcess(jobDatabase, HANDLERS).catch((e) => {
		console.error('[jobs] the job process failed to start', e);
		process.exit(1);
	});
}
