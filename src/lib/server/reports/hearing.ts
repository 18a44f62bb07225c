/**
 * The kenesh heard a submitted report: its secretary records the day of the sitting and the
 * decision's number, once per report. Shown on the report's page and in the plan's list of reports.
 */
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { planRef } from '../plans/plans';
import { formatDate, todayInBishkek } from '../../format';
import { can } from './permissions';

export interface ReportHearing {
	reportId: number;
	heardOn: string;
	decisionNumber: string;
	recordedBy: string | null;
	recordedAt: Date;
}

export const DECISION_NUMBER_MAX = 40;

/** That the kenesh heard the report of a period: by its secretary, on a submitted report, once however many record it at once. */
export async function recordHearing(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	input: { heardOn: string; decisionNumber: string },
	o: { today?: string } = {}
): Promise<void> {
	const plan = await planRef(sql, planId);
	if (!can(actor, 'hear', plan)) throw new Forbidden();
	if (plan.state !== 'approved') throw new DomainError('error_not_found', 404);
	const decisionNumber = input.decisionNumber.trim();
	if (!decisionNumber)
		throw new DomainError('report_hearing_decision_required', 400, {}, 'decisionNumber');
	if (decisionNumber.length > DECISION_NUMBER_MAX)
		throw new DomainError(
			'report_hearing_decision_too_long',
			400,
			{ max: DECISION_NUMBER_MAX },
			'decisionNumber'
		);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heardOn) || Number.isNaN(Date.parse(input.heardOn)))
		throw new DomainError('report_hearing_date_required', 400, {}, 'heardOn');
	const today = o.today ?? todayInBishkek();
	if (input.heardOn > today)
		throw new DomainError('report_hearing_date_future', 400, {}, 'heardOn');
	await transaction(sql, async (tx) => {
		// the report's row lock first: two secretaries' tabs recording at once queue here
		const [report] = await tx<{ id: number; state: string; submittedAt: Date | null }[]>`
			select id, state, submitted_at from report
			where local_plan_id = ${planId} and period = ${code}
			-- the latest submitted version: the hearing belongs to the version it was recorded on
			order by state = 'submitted' desc, version desc
			limit 1
			for update`;
		if (!report) throw new DomainError('error_not_found', 404);
		if (report.state !== 'submitted') throw new DomainError('report_hearing_not_submitted', 409);
		const submittedOn = todayInBishkek(report.submittedAt!);
		if (input.heardOn < submittedOn)
			throw new DomainError(
				'report_hearing_date_before_submission',
				400,
				{ date: formatDate(submittedOn) },
				'heardOn'
			);
		const [heard] = await tx<{ heardOn: string; decisionNumber: string }[]>`
			select heard_on::text as heard_on, decision_number from report_hearing where report_id = ${report.id}`;
		if (heard)
			throw new DomainError('report_hearing_recorded', 409, {
				date: formatDate(heard.heardOn),
				number: heard.decisionNumber
			});
		await tx`
			insert into report_hearing (report_id, municipality_id, heard_on, decision_number, recorded_by)
			values (${report.id}, ${plan.municipalityId}, ${input.heardOn}, ${decisionNumber}, ${actor.id})`;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'report_hearing',
			entityId: report.id,
			action: 'create',
			after: { period: code, heardOn: input.heardOn, decisionNumber }
		});
	});
}

/** The hearings of a plan's reports, by report id. Its reader was checked by the caller. */
export async function hearingsOf(sql: Sql, planId: number): Promise<Map<number, ReportHearing>> {
	const rows = await sql<ReportHearing[]>`
		select h.report_id, h.heard_on::text as heard_on, h.decision_number, u.full_name as recorded_by, h.recorded_at
		from report_hearing h
		join report r on r.id = h.report_id
		left join app_user u on u.id = h.recorded_by
		where r.local_plan_id = ${planId}`;
	return new Map(rows.map((h) => [h.reportId, h]));
}
