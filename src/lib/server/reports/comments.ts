/** Comments on a submitted report, line by line: on an activity's part or on a budget line's spending, in the plan's comment threads. */

import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import { isStaffOf } from '../auth/scope';
import { DomainError, Forbidden } from '../errors';
import { planRef } from '../plans/plans';
import { notify, usersOf } from '../approval/notifications';
import { can } from './permissions';

export interface ReportComment {
	id: number;
	targetKind: 'report_activity' | 'report_spending';
	targetId: number;
	author: string | null;
	authorName: string | null;
	body: string;
	createdAt: Date;
}

/**
 * A comment on a line of a submitted report (an activity, or a budget line's spending); the staff
 * are told, or the deputies when a staff member answers.
 */
export async function addReportComment(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	input: { targetKind: string; targetId: number; body: string }
): Promise<number> {
	const plan = await planRef(sql, planId);
	if (!can(actor, 'comment', plan)) throw new Forbidden();
	if (plan.state !== 'approved') throw new DomainError('error_not_found', 404);
	const body = input.body.trim();
	if (!body) throw new DomainError('error_comment_empty', 400, {}, 'body');
	return transaction(sql, async (tx) => {
		const [report] = await tx<{ id: number; year: number; state: string }[]>`
			select id, year, state from report
			where local_plan_id = ${planId} and period = ${code}
			-- the latest submitted version is the one read and commented on
			order by state = 'submitted' desc, version desc
			limit 1`;
		if (!report) throw new DomainError('error_not_found', 404);
		if (report.state !== 'submitted') throw new DomainError('error_report_comment_draft', 409);
		const inReport =
			input.targetKind === 'report_activity'
				? await tx`select 1 from activity where id = ${input.targetId} and local_plan_id = ${planId}`
				: input.targetKind === 'report_spending'
					? await tx`
						select 1 from budget_line b join activity a on a.id = b.activity_id
						where b.id = ${input.targetId} and a.local_plan_id = ${planId} and b.year = ${report.year}`
					: [];
		if (inReport.length === 0) throw new DomainError('error_comment_target');
		const { id } = (
			await tx<{ id: number }[]>`
			insert into comment (local_plan_id, municipality_id, report_id, target_kind, target_id, author_id, body)
			values (${planId}, ${plan.municipalityId}, ${report.id}, ${input.targetKind}, ${input.targetId}, ${actor.id}, ${body})
			returning id`
		)[0]!;
		const recipients = await usersOf(
			tx,
			plan.municipalityId,
			isStaffOf(actor, plan.municipalityId) ? 'deputy' : 'staff'
		);
		await notify(
			tx,
			recipients.filter((u) => u !== actor.id),
			{
				municipalityId: plan.municipalityId,
				planId,
				kind: 'report_comment',
				payload: { reportId: report.id, targetKind: input.targetKind, targetId: input.targetId }
			}
		);
		return id;
	});
}

/** The comments on a report, oldest first. Its reader was checked by the caller. */
export async function reportComments(sql: Sql, reportId: number): Promise<ReportComment[]> {
	return sql<ReportComment[]>`
		select c.id, c.target_kind, c.target_id, u.username as author, u.full_name as author_name, c.body, c.created_at
		from comment c left join app_user u on u.id = c.author_id
		where c.report_id = ${reportId}
		order by c.created_at, c.id`;
}
