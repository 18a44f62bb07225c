/** Comments on a plan under review, in threads. */

import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError, Forbidden } from '../errors';
import { readablePlan, requirePlan, type PlanRef } from '../plans/plans';
import { can } from './permissions';
import { notify, usersOf } from './notifications';

export interface Comment {
	id: number;
	targetKind: 'plan' | 'section' | 'activity' | 'budget_line';
	targetId: number;
	parentId: number | null;
	author: string | null;
	authorName: string | null;
	body: string;
	createdAt: Date;
}

/** Whether the plan holds the target (the plan itself, a section, an activity, a budget line). */
export async function targetInPlan(
	tx: Sql,
	planId: number,
	kind: string,
	id: number
): Promise<boolean> {
	switch (kind) {
		case 'plan':
			return id === planId;
		case 'section':
			return (
				(await tx`select 1 from plan_section where id = ${id} and local_plan_id = ${planId}`)
					.length > 0
			);
		case 'activity':
			return (
				(await tx`select 1 from activity where id = ${id} and local_plan_id = ${planId}`).length > 0
			);
		case 'budget_line':
			return (
				(
					await tx`select 1 from budget_line b join activity a on a.id = b.activity_id where b.id = ${id} and a.local_plan_id = ${planId}`
				).length > 0
			);
		default:
			return false;
	}
}

/** A comment on the plan, a section, an activity or a budget line, or a reply in a thread; the other side is notified. */
export async function addComment(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: { targetKind: string; targetId: number; parentId?: number | null; body: string }
): Promise<number> {
	const body = input.body.trim();
	if (!body) throw new DomainError('error_comment_empty');
	if (body.length > 4000) throw new DomainError('error_field_too_long', 400, { max: 4000 });
	return transaction(sql, async (tx) => {
		const plan = await requirePlan(tx, actor, planId, 'read');
		if (!can(actor, 'comment', plan)) throw new Forbidden();
		if (!(await targetInPlan(tx, planId, input.targetKind, input.targetId)))
			throw new DomainError('error_comment_target');
		if (input.parentId) {
			const [parent] =
				await tx`select 1 from comment where id = ${input.parentId} and local_plan_id = ${planId} and target_kind = ${input.targetKind} and target_id = ${input.targetId}`;
			if (!parent) throw new DomainError('error_comment_target');
		}
		const { id } = (
			await tx<{ id: number }[]>`
			insert into comment (local_plan_id, municipality_id, target_kind, target_id, parent_id, author_id, body)
			values (${planId}, ${plan.municipalityId}, ${input.targetKind}, ${input.targetId}, ${input.parentId ?? null}, ${actor.id}, ${body}) returning id`
		)[0]!;
		const isStaff = actor.memberships.some(
			(m) => m.role === 'staff' && m.territoryId === plan.municipalityId
		);
		const recipients = (
			await usersOf(tx, plan.municipalityId, isStaff ? 'deputy' : 'staff')
		).filter((u) => u !== actor.id);
		await notify(tx, recipients, {
			municipalityId: plan.municipalityId,
			planId,
			kind: 'comment',
			payload: { targetKind: input.targetKind, targetId: input.targetId, commentId: id }
		});
		return id;
	});
}

export async function comments(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	/** the plan as the caller already read it and checked: not read again */
	options: { plan?: PlanRef } = {}
): Promise<Comment[]> {
	await readablePlan(sql, actor, planId, options.plan);
	return sql<Comment[]>`
		select c.id, c.target_kind, c.target_id, c.parent_id, u.username as author, u.full_name as author_name, c.body, c.created_at
		from comment c left join app_user u on u.id = c.author_id where c.local_plan_id = ${planId} order by c.created_at, c.id`;
}
