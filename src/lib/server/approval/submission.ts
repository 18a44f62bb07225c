/** Submission: what keeps a draft from the kenesh, and sending it there. */

import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { formatDate } from '../../format';
import { withPlanLock, type PlanRef } from '../plans/plans';
import { can } from './permissions';
import { notify, usersOf } from './notifications';

export interface Problem {
	code: string;
	activityId?: number;
	params?: Record<string, string | number>;
	/** the activity's wordings, for the `title` the message names (chosen in the reader's language) */
	wording?: { ky: string; ru: string };
}

type Titled = { id: number; title: string; titleRu: string };
const activityProblem = (code: string, a: Titled): Problem => ({
	code,
	activityId: a.id,
	params: { title: (a.title || a.titleRu).slice(0, 120) },
	wording: { ky: a.title.slice(0, 120), ru: a.titleRu.slice(0, 120) }
});

/** Everything that keeps a plan from going to the kenesh, each pointing at the place to fix it. */
export async function submissionProblems(sql: Sql, planId: number): Promise<Problem[]> {
	const problems: Problem[] = [];
	const { n } = (
		await sql<
			{ n: number }[]
		>`select count(*)::int as n from activity where local_plan_id = ${planId}`
	)[0]!;
	if (n === 0) problems.push({ code: 'problem_no_activities' });
	for (const a of await sql<Titled[]>`
		select a.id, a.title, a.title_ru from activity a where a.local_plan_id = ${planId}
			and not exists (select 1 from indicator i where i.activity_id = a.id) order by a.section_id, a.position`) {
		problems.push(activityProblem('problem_no_indicator', a));
	}
	for (const a of await sql<Titled[]>`
		select distinct a.id, a.title, a.title_ru from activity a join budget_line b on b.activity_id = a.id
		where a.local_plan_id = ${planId} and b.marker > 0
			and not exists (select 1 from indicator i where i.activity_id = a.id and indicator_counts_for_marker(i.id))`) {
		problems.push(activityProblem('problem_marker_without_sex_indicator', a));
	}
	for (const a of await sql<Titled[]>`
		select distinct a.id, a.title, a.title_ru from activity a join budget_line b on b.activity_id = a.id
		where a.local_plan_id = ${planId} and b.year not between (select period_start from local_plan where id = ${planId}) and (select period_end from local_plan where id = ${planId})`) {
		problems.push(activityProblem('problem_year_outside_period', a));
	}
	return problems;
}

/** A line in the plan's history (submitted, returned, approved, revised). */
export async function planEvent(
	tx: Sql,
	plan: PlanRef,
	kind: string,
	userId: number | null,
	note = ''
) {
	await tx`insert into plan_event (local_plan_id, municipality_id, kind, user_id, note) values (${plan.id}, ${plan.municipalityId}, ${kind}, ${userId}, ${note})`;
}

/** Sends a draft to the kenesh, if nothing blocks it; its deputies are notified. Submitted once, however many ask at once. */
export async function submit(
	sql: Sql,
	actor: Actor | null,
	planId: number
): Promise<{ problems: Problem[] }> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (!can(actor, 'submit', plan)) throw new Forbidden();
		if (plan.state === 'submitted') {
			const [p] = await tx<
				{ submittedAt: Date }[]
			>`select submitted_at from local_plan where id = ${planId}`;
			// the locked plan, read again for its date
			throw new DomainError('error_plan_already_submitted', 409, {
				date: formatDate(p!.submittedAt)
			});
		}
		if (plan.state !== 'draft')
			throw new DomainError('error_transition', 409, { from: plan.state, to: 'submitted' });
		const problems = await submissionProblems(tx, planId);
		if (problems.length) return { problems };
		await tx`update local_plan set state = 'submitted', submitted_at = now() where id = ${planId}`;
		await planEvent(tx, plan, 'submitted', actor.id);
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'local_plan',
			entityId: planId,
			action: 'submit'
		});
		await notify(tx, await usersOf(tx, plan.municipalityId, 'deputy'), {
			municipalityId: plan.municipalityId,
			planId,
			kind: 'plan_submitted'
		});
		return { problems: [] };
	});
}
