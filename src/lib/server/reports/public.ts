/**
 * Submitted reports as the public reads them: only the reports of an approved plan, only once
 * submitted (a draft is not found), read from the frozen snapshot with its content hash.
 */
import type { Sql } from '../db';
import { DomainError } from '../errors';
import type { ReportContent } from './reports';

export interface PublicReportItem {
	id: number;
	period: string;
	/** 1, or the correction it is */
	version: number;
	periodStart: string;
	periodEnd: string;
	dueDate: string;
	state: 'submitted';
	submittedAt: Date;
	contentHash: string;
}

async function approvedPlan(sql: Sql, planId: number): Promise<void> {
	const [p] = await sql`
		select 1
		from local_plan
		where id = ${planId}
			and state = 'approved'`;
	if (!p) throw new DomainError('error_not_found', 404);
}

const ITEM = (sql: Sql) => sql`
	id, period, version, to_char(period_start, 'YYYY-MM-DD') as period_start,
	to_char(period_end, 'YYYY-MM-DD') as period_end, to_char(due_date, 'YYYY-MM-DD') as due_date,
	state, submitted_at, content_hash`;

/** An earlier submitted version of a period's report, still readable by its id. */
export interface PublicPreviousVersion {
	id: number;
	version: number;
	submittedAt: Date;
	contentHash: string;
}

/** The latest submitted version of each period's report of an approved plan, oldest period first, with the versions it corrected; a draft or unknown plan is not found. */
export async function publicReports(
	sql: Sql,
	planId: number
): Promise<(PublicReportItem & { previousVersions: PublicPreviousVersion[] })[]> {
	await approvedPlan(sql, planId);
	const rows = await sql<PublicReportItem[]>`
		select ${ITEM(sql)}
		from report
		where local_plan_id = ${planId}
			and state = 'submitted'
		order by period_start, period, version desc`;
	const latest = rows.filter((r, i) => i === 0 || rows[i - 1]!.period !== r.period);
	return latest.map((r) => ({
		...r,
		previousVersions: rows
			.filter((p) => p.period === r.period && p.version < r.version)
			.reverse()
			.map(({ id, version, submittedAt, contentHash }) => ({
				id,
				version,
				submittedAt,
				contentHash
			}))
	}));
}

/** One submitted report of an approved plan, as it was submitted; a draft report is not found. */
export async function publicReport(
	sql: Sql,
	planId: number,
	reportId: number
): Promise<PublicReportItem & { content: ReportContent }> {
	await approvedPlan(sql, planId);
	const [r] = await sql<(PublicReportItem & { content: ReportContent })[]>`
		select ${ITEM(sql)}, snapshot as content
		from report
		where id = ${reportId}
			and local_plan_id = ${planId}
			and state = 'submitted'`;
	if (!r) throw new DomainError('error_not_found', 404);
	return r;
}
