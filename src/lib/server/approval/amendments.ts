/** Amendments: deputies propose a change to a submitted plan, staff accept or reject it. */

import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { parseMoneyInput } from '../../money';
import { readablePlan, withPlanLock, type PlanRef } from '../plans/plans';
import { FUNDING } from '../plans/types';
import { can } from './permissions';
import { notify, usersOf } from './notifications';
import { targetInPlan } from './comments';

export interface Amendment {
	id: number;
	targetKind: 'activity' | 'budget_line';
	targetId: number;
	proposed: Record<string, string | number>;
	reason: string;
	author: string | null;
	authorName: string | null;
	state: 'proposed' | 'accepted' | 'rejected';
	decidedBy: string | null;
	decidedAt: Date | null;
	decisionReason: string;
	createdAt: Date;
}

/** Checks what a deputy proposes and keeps only the fields an amendment may change. */
function cleanProposal(
	kind: string,
	proposed: Record<string, string>
): Record<string, string | number> {
	const out: Record<string, string | number> = {};
	if (kind === 'activity') {
		// a new wording in Kyrgyz, in Russian or in both; a language left blank stays as it is
		for (const k of ['title', 'titleRu'] as const) {
			const text = (proposed[k] ?? '').trim();
			if (text.length > 2000) throw new DomainError('error_field_too_long', 400, { max: 2000 }, k);
			if (text) out[k] = text;
		}
		if (Object.keys(out).length === 0) throw new DomainError('error_amendment_empty');
		return out;
	}
	const amount = proposed.amount ?? '';
	if (amount.trim()) {
		const money = parseMoneyInput(amount);
		if (!money.ok) throw new DomainError('error_' + money.problem, 400, { value: amount });
		out.amount = money.value;
	}
	const source = proposed.source ?? '';
	if (source.trim()) {
		if (!(FUNDING as readonly string[]).includes(source))
			throw new DomainError('error_funding_source');
		out.source = source;
		if (source === 'donor') {
			const donorName = (proposed.donorName ?? '').trim();
			if (!donorName) throw new DomainError('error_donor_name_required');
			out.donorName = donorName;
		}
	}
	if ((proposed.marker ?? '').trim()) {
		const marker = Number(proposed.marker);
		if (![0, 1, 2].includes(marker)) throw new DomainError('error_marker');
		out.marker = marker;
		if (marker === 1) {
			const share = (proposed.genderShare ?? '').trim().replace(',', '.');
			if (!/^\d{1,2}(\.\d{1,2})?$/.test(share) || Number(share) <= 0)
				throw new DomainError('error_gender_share');
			out.genderShare = share;
		}
		if (marker === 2) {
			const justification = (proposed.justification ?? '').trim();
			if (!justification) throw new DomainError('error_marker2_justification');
			out.justification = justification;
		}
	}
	if (Object.keys(out).length === 0) throw new DomainError('error_amendment_empty');
	return out;
}

/** A deputy proposes a change to an activity's wording (Kyrgyz, Russian or both) or to a budget line (amount, marker, source) of a submitted plan. */
export async function proposeAmendment(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: { targetKind: string; targetId: number; proposed: Record<string, string>; reason: string }
): Promise<number> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (!can(actor, 'amend', plan)) throw new Forbidden();
		if (plan.state !== 'submitted') throw new DomainError('error_amendment_not_submitted', 409);
		if (
			!['activity', 'budget_line'].includes(input.targetKind) ||
			!(await targetInPlan(tx, planId, input.targetKind, input.targetId))
		)
			throw new DomainError('error_comment_target');
		const proposed = cleanProposal(input.targetKind, input.proposed);
		const { id } = (
			await tx<{ id: number }[]>`
			insert into amendment (local_plan_id, municipality_id, target_kind, target_id, proposed, reason, author_id)
			values (${planId}, ${plan.municipalityId}, ${input.targetKind}, ${input.targetId}, ${tx.json(proposed as never)}, ${input.reason.trim().slice(0, 2000)}, ${actor.id})
			returning id`
		)[0]!;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'amendment',
			entityId: id,
			action: 'propose',
			after: { targetKind: input.targetKind, targetId: input.targetId, proposed }
		});
		await notify(tx, await usersOf(tx, plan.municipalityId, 'staff'), {
			municipalityId: plan.municipalityId,
			planId,
			kind: 'amendment',
			payload: { amendmentId: id }
		});
		return id;
	});
}

/**
 * Staff accept an amendment — exactly the proposed change is applied and recorded — or reject it
 * with a reason, which changes nothing else. The author is notified either way.
 */
export async function decideAmendment(
	sql: Sql,
	actor: Actor | null,
	amendmentId: number,
	input: { accept: boolean; reason: string }
): Promise<void> {
	// which plan to lock; an amendment never moves to another plan
	const [target] = await sql<
		{ localPlanId: number }[]
	>`select local_plan_id from amendment where id = ${amendmentId}`;
	if (!target) throw new DomainError('error_not_found', 404);
	await withPlanLock(sql, target.localPlanId, async (tx, plan) => {
		if (!can(actor, 'decide_amendment', plan)) throw new Forbidden();
		const [a] = await tx<
			{
				targetKind: string;
				targetId: number;
				proposed: Record<string, string | number>;
				state: string;
				authorId: number | null;
			}[]
		>`
			select target_kind, target_id, proposed, state, author_id
			from amendment
			where id = ${amendmentId}
			for update`;
		// read above without the lock; an amendment is deleted only with its plan
		if (!a) throw new DomainError('error_not_found', 404);
		if (a.state !== 'proposed') throw new DomainError('error_amendment_decided', 409);
		// the session may have been recorded while this decision waited for the plan: the approved version stays as voted
		if (plan.state !== 'submitted') throw new DomainError('error_amendment_too_late', 409);
		const reason = input.reason.trim();
		if (!input.accept) {
			if (!reason) throw new DomainError('error_amendment_reason');
			await tx`update amendment set state = 'rejected', decided_by = ${actor.id}, decided_at = now(), decision_reason = ${reason} where id = ${amendmentId}`;
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: plan.municipalityId,
				entity: 'amendment',
				entityId: amendmentId,
				action: 'reject',
				after: { reason }
			});
		} else {
			await applyAmendment(tx, actor, plan, a);
			await tx`update amendment set state = 'accepted', decided_by = ${actor.id}, decided_at = now(), decision_reason = ${reason} where id = ${amendmentId}`;
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: plan.municipalityId,
				entity: 'amendment',
				entityId: amendmentId,
				action: 'accept',
				after: a.proposed
			});
		}
		if (a.authorId)
			await notify(tx, [a.authorId], {
				municipalityId: plan.municipalityId,
				planId: plan.id,
				kind: input.accept ? 'amendment_accepted' : 'amendment_rejected',
				payload: { amendmentId }
			});
	});
}

async function applyAmendment(
	tx: Sql,
	actor: Actor,
	plan: PlanRef,
	a: { targetKind: string; targetId: number; proposed: Record<string, string | number> }
) {
	const p = a.proposed;
	if (a.targetKind === 'activity') {
		const [before] = await tx<
			{ title: string; titleRu: string }[]
		>`select title, title_ru from activity where id = ${a.targetId}`;
		// the activity was removed since the amendment was proposed (the plan went back to draft)
		if (!before) throw new DomainError('error_comment_target');
		const after = {
			title: p.title !== undefined ? String(p.title) : before.title,
			titleRu: p.titleRu !== undefined ? String(p.titleRu) : before.titleRu
		};
		await tx`
			update activity
			set title = ${after.title}, title_ru = ${after.titleRu}, row_version = row_version + 1, updated_at = now()
			where id = ${a.targetId}`;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'activity',
			entityId: a.targetId,
			action: 'amend',
			before,
			after
		});
		return;
	}
	const [line] = await tx<
		{
			activityId: number;
			amount: string;
			source: string;
			donorName: string;
			marker: number;
			genderShare: string;
			justification: string;
		}[]
	>`
		select activity_id, amount::text as amount, source, donor_name, marker, gender_share::text as gender_share, justification from budget_line where id = ${a.targetId}`;
	// the line was removed since the amendment was proposed (the plan went back to draft)
	if (!line) throw new DomainError('error_comment_target');
	const next = {
		amount: p.amount !== undefined ? String(p.amount) : line.amount,
		source: p.source !== undefined ? String(p.source) : line.source,
		donorName: p.source !== undefined ? String(p.donorName ?? '') : line.donorName,
		marker: p.marker !== undefined ? Number(p.marker) : line.marker,
		genderShare:
			p.marker !== undefined
				? Number(p.marker) === 2
					? '100'
					: Number(p.marker) === 0
						? '0'
						: String(p.genderShare)
				: line.genderShare,
		justification: p.justification !== undefined ? String(p.justification) : line.justification
	};
	// as for a line saved directly: a justification is kept for marker 2 only
	if (next.marker !== 2) next.justification = '';
	if (next.marker > 0) {
		const [sex] =
			await tx`select 1 from indicator where activity_id = ${line.activityId} and indicator_counts_for_marker(id) limit 1`;
		if (!sex)
			throw new DomainError('error_marker_needs_sex_indicator', 400, { marker: next.marker });
	}
	if (next.marker === 2 && !next.justification.trim())
		throw new DomainError('error_marker2_justification');
	await tx`
		update budget_line set amount = ${next.amount}, source = ${next.source}, donor_name = ${next.donorName}, marker = ${next.marker},
			gender_share = ${next.genderShare}, justification = ${next.justification}, row_version = row_version + 1
		where id = ${a.targetId}`;
	await audit.record(tx, {
		userId: actor.id,
		municipalityId: plan.municipalityId,
		entity: 'budget_line',
		entityId: a.targetId,
		action: 'amend',
		before: {
			activityId: line.activityId,
			amount: line.amount,
			source: line.source,
			marker: line.marker,
			genderShare: line.genderShare
		},
		after: {
			activityId: line.activityId,
			amount: next.amount,
			source: next.source,
			marker: next.marker,
			genderShare: next.genderShare
		}
	});
}

export async function amendments(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	/** the plan as the caller already read it and checked: not read again */
	options: { plan?: PlanRef } = {}
): Promise<Amendment[]> {
	await readablePlan(sql, actor, planId, options.plan);
	return sql<Amendment[]>`
		select a.id, a.target_kind, a.target_id, a.proposed, a.reason, u.username as author, u.full_name as author_name, a.state,
			d.username as decided_by, a.decided_at, a.decision_reason, a.created_at
		from amendment a left join app_user u on u.id = a.author_id left join app_user d on d.id = a.decided_by
		where a.local_plan_id = ${planId} order by a.created_at, a.id`;
}
