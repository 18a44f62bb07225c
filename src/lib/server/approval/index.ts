import { createHash } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { sendInTransaction } from '../jobs';
import { parseMoneyInput } from '../../money';
import { formatDate, todayInBishkek } from '../../format';
import { planRef, requirePlan, supersededBy, withPlanLock, type PlanRef } from '../plans/plans';
import { planView } from '../plans/view';
import { FUNDING } from '../plans/types';
import { canReview } from './permissions';
import { notify, usersOf } from './notifications';

export { canReview } from './permissions';
export * as notifications from './notifications';

export interface Problem {
	code: string;
	activityId?: number;
	params?: Record<string, string | number>;
}

/** Everything that keeps a plan from going to the kenesh, each pointing at the place to fix it. */
export async function submissionProblems(sql: Sql, planId: number): Promise<Problem[]> {
	const problems: Problem[] = [];
	const [{ n }] = await sql<
		{ n: number }[]
	>`select count(*)::int as n from activity where local_plan_id = ${planId}`;
	if (n === 0) problems.push({ code: 'problem_no_activities' });
	for (const a of await sql<{ id: number; title: string }[]>`
		select a.id, a.title from activity a where a.local_plan_id = ${planId}
			and not exists (select 1 from indicator i where i.activity_id = a.id) order by a.section_id, a.position`) {
		problems.push({
			code: 'problem_no_indicator',
			activityId: a.id,
			params: { title: a.title.slice(0, 120) }
		});
	}
	for (const a of await sql<{ id: number; title: string }[]>`
		select distinct a.id, a.title from activity a join budget_line b on b.activity_id = a.id
		where a.local_plan_id = ${planId} and b.marker > 0 and not exists (select 1 from indicator i where i.activity_id = a.id and i.by_sex)`) {
		problems.push({
			code: 'problem_marker_without_sex_indicator',
			activityId: a.id,
			params: { title: a.title.slice(0, 120) }
		});
	}
	for (const a of await sql<{ id: number; title: string }[]>`
		select distinct a.id, a.title from activity a join budget_line b on b.activity_id = a.id
		where a.local_plan_id = ${planId} and b.year not between (select period_start from local_plan where id = ${planId}) and (select period_end from local_plan where id = ${planId})`) {
		problems.push({
			code: 'problem_year_outside_period',
			activityId: a.id,
			params: { title: a.title.slice(0, 120) }
		});
	}
	return problems;
}

async function event(tx: Sql, plan: PlanRef, kind: string, userId: number | null, note = '') {
	await tx`insert into plan_event (local_plan_id, municipality_id, kind, user_id, note) values (${plan.id}, ${plan.municipalityId}, ${kind}, ${userId}, ${note})`;
}

/** Sends a draft to the kenesh, if nothing blocks it; its deputies are notified. Submitted once, however many ask at once. */
export async function submit(
	sql: Sql,
	actor: Actor | null,
	planId: number
): Promise<{ problems: Problem[] }> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (!canReview(actor, 'submit', plan)) throw new Forbidden();
		if (plan.state === 'submitted') {
			const [p] = await tx<
				{ submittedAt: Date }[]
			>`select submitted_at from local_plan where id = ${planId}`;
			throw new DomainError('error_plan_already_submitted', 409, {
				date: formatDate(p.submittedAt)
			});
		}
		if (plan.state !== 'draft')
			throw new DomainError('error_transition', 409, { from: plan.state, to: 'submitted' });
		const problems = await submissionProblems(tx, planId);
		if (problems.length) return { problems };
		await tx`update local_plan set state = 'submitted', submitted_at = now() where id = ${planId}`;
		await event(tx, plan, 'submitted', actor!.id);
		await audit.record(tx, {
			userId: actor!.id,
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

async function isSecretary(
	sql: Sql,
	actor: Actor | null,
	municipalityId: number
): Promise<boolean> {
	if (!actor) return false;
	if (
		actor.memberships.some(
			(m) => m.role === 'deputy' && m.territoryId === municipalityId && m.isSecretary
		)
	)
		return true;
	const [d] =
		await sql`select 1 from deputy where user_id = ${actor.id} and municipality_id = ${municipalityId} and is_secretary and active`;
	return !!d;
}

export interface SessionInput {
	sessionDate: string;
	presentDeputyIds: number[];
	votesFor: number;
	votesAgainst: number;
	votesAbstained: number;
	decisionNumber: string;
	outcome: 'approved' | 'returned';
}

/** A stable SHA-256 of the approved content (texts, indicators, money), independent of key order. */
export function contentHash(value: unknown): string {
	const canonical = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(canonical)
			: v && typeof v === 'object' && !(v instanceof Date)
				? Object.fromEntries(
						Object.keys(v)
							.sort()
							.map((k) => [k, canonical((v as Record<string, unknown>)[k])])
					)
				: v instanceof Date
					? v.toISOString()
					: v;
	return createHash('sha256')
		.update(JSON.stringify(canonical(value)))
		.digest('hex');
}

/**
 * The secretary records the kenesh session: quorum (more than the municipality's quorum share of
 * the roster present), the vote and the decision number, then approves or returns the plan.
 * Approval freezes the version (snapshot + SHA-256) and enqueues, in the same transaction, the jobs
 * that render its document and feed it upward — so a crash can never lose one.
 */
export async function recordSession(
	sql: Sql,
	boss: PgBoss,
	actor: Actor | null,
	planId: number,
	input: SessionInput,
	options: { failAfterApproval?: () => void } = {}
): Promise<{ sessionId: number; contentHash: string | null }> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (
			!canReview(actor, 'record_session', plan, {
				isSecretary: await isSecretary(tx, actor, plan.municipalityId)
			})
		)
			throw new Forbidden();
		if (plan.state !== 'submitted') throw await sessionRefusal(tx, plan, input.outcome);
		if (
			!/^\d{4}-\d{2}-\d{2}$/.test(input.sessionDate) ||
			Number.isNaN(Date.parse(input.sessionDate))
		)
			throw new DomainError('error_session_date');
		if (input.sessionDate > todayInBishkek()) throw new DomainError('error_session_date_future');
		const decisionNumber = input.decisionNumber.trim();
		if (!decisionNumber || decisionNumber.length > 50)
			throw new DomainError('error_decision_number');
		const roster = await tx<
			{ id: number }[]
		>`select id from deputy where municipality_id = ${plan.municipalityId} and active`;
		if (roster.length === 0) throw new DomainError('error_roster_empty');
		const present = [...new Set(input.presentDeputyIds)];
		if (present.some((id) => !roster.some((d) => d.id === id)))
			throw new DomainError('error_present_unknown');
		const quorumRequired = await quorumFor(tx, plan.municipalityId, roster.length);
		if (present.length < quorumRequired)
			throw new DomainError('error_quorum', 400, {
				present: present.length,
				required: quorumRequired,
				roster: roster.length
			});
		const votes = [input.votesFor, input.votesAgainst, input.votesAbstained];
		if (votes.some((v) => !Number.isInteger(v) || v < 0)) throw new DomainError('error_votes');
		if (votes.reduce((a, b) => a + b, 0) > present.length)
			throw new DomainError('error_votes_exceed_present', 400, { present: present.length });
		if (input.outcome === 'approved' && input.votesFor * 2 <= present.length)
			throw new DomainError('error_votes_majority', 400, { present: present.length });
		const [{ id: sessionId }] = await tx<{ id: number }[]>`
			insert into kenesh_session (local_plan_id, municipality_id, session_date, roster_size, present_deputy_ids, quorum_required,
				votes_for, votes_against, votes_abstained, decision_number, outcome, recorded_by)
			values (${planId}, ${plan.municipalityId}, ${input.sessionDate}, ${roster.length}, ${present}, ${quorumRequired},
				${input.votesFor}, ${input.votesAgainst}, ${input.votesAbstained}, ${decisionNumber}, ${input.outcome}, ${actor!.id})
			returning id`;
		const staff = await usersOf(tx, plan.municipalityId, 'staff');
		if (input.outcome === 'returned') {
			await tx`update local_plan set state = 'draft' where id = ${planId}`;
			await event(tx, plan, 'returned', actor!.id, decisionNumber);
			await audit.record(tx, {
				userId: actor!.id,
				municipalityId: plan.municipalityId,
				entity: 'local_plan',
				entityId: planId,
				action: 'return',
				after: { sessionId, decisionNumber }
			});
			await notify(tx, staff, {
				municipalityId: plan.municipalityId,
				planId,
				kind: 'plan_returned',
				payload: { decisionNumber }
			});
			return { sessionId, contentHash: null };
		}
		const view = await planView(tx, actor, planId);
		const snapshot = {
			plan: { ...view.plan, rowVersion: undefined, updatedAt: undefined },
			sections: view.sections,
			summary: view.summary,
			planTitles: view.planTitles
		};
		const hash = contentHash(snapshot);
		await tx`
			insert into plan_approval (local_plan_id, municipality_id, session_id, decision_number, decision_date, snapshot, content_hash)
			values (${planId}, ${plan.municipalityId}, ${sessionId}, ${decisionNumber}, ${input.sessionDate}, ${tx.json(snapshot as never)}, ${hash})`;
		await tx`update local_plan set state = 'approved', approved_at = now() where id = ${planId}`;
		await event(tx, plan, 'approved', actor!.id, decisionNumber);
		await audit.record(tx, {
			userId: actor!.id,
			municipalityId: plan.municipalityId,
			entity: 'local_plan',
			entityId: planId,
			action: 'approve',
			after: { sessionId, decisionNumber, contentHash: hash }
		});
		await notify(tx, staff, {
			municipalityId: plan.municipalityId,
			planId,
			kind: 'plan_approved',
			payload: { decisionNumber }
		});
		await sendInTransaction(boss, tx, 'plan.render', { planId, contentHash: hash });
		await sendInTransaction(boss, tx, 'feed.deliver', { planId, contentHash: hash });
		options.failAfterApproval?.();
		return { sessionId, contentHash: hash };
	});
}

/** Why a session cannot be recorded: the kenesh decision already recorded (by whoever was first), or a plan never submitted. */
async function sessionRefusal(
	tx: Sql,
	plan: PlanRef,
	outcome: SessionInput['outcome']
): Promise<DomainError> {
	const [last] = await tx<{ decisionNumber: string; sessionDate: string; outcome: string }[]>`
		select decision_number, to_char(session_date, 'YYYY-MM-DD') as session_date, outcome
		from kenesh_session
		where local_plan_id = ${plan.id}
		order by id desc
		limit 1`;
	if (last && (plan.state === 'approved' || last.outcome === 'returned')) {
		return new DomainError('error_session_already_recorded', 409, {
			number: last.decisionNumber,
			date: formatDate(last.sessionDate)
		});
	}
	return new DomainError('error_transition', 409, { from: plan.state, to: outcome });
}

export interface ApprovalInfo {
	state: 'draft' | 'submitted' | 'approved';
	submittedAt: Date | null;
	revisionOf: number | null;
	revisions: { id: number; state: string }[];
	approval: {
		decisionNumber: string;
		decisionDate: string;
		contentHash: string;
		approvedAt: Date;
	} | null;
	sessions: {
		id: number;
		sessionDate: string;
		outcome: string;
		decisionNumber: string;
		votesFor: number;
		votesAgainst: number;
		votesAbstained: number;
		present: number;
		rosterSize: number;
		quorumRequired: number;
	}[];
	isSecretary: boolean;
	/** the approved revision that replaced this approved version */
	supersededBy: { id: number; decisionNumber: string; decisionDate: string } | null;
}

/** Where a plan stands in the review, with its approval and sessions. */
export async function approvalInfo(
	sql: Sql,
	actor: Actor | null,
	planId: number
): Promise<ApprovalInfo> {
	const plan = await requirePlan(sql, actor, planId, 'read');
	const [p] = await sql<
		{ submittedAt: Date | null; revisionOf: number | null }[]
	>`select submitted_at, revision_of from local_plan where id = ${planId}`;
	const [approval] = await sql<NonNullable<ApprovalInfo['approval']>[]>`
		select decision_number, to_char(decision_date, 'YYYY-MM-DD') as decision_date, content_hash, approved_at from plan_approval where local_plan_id = ${planId}`;
	const sessions = await sql<ApprovalInfo['sessions']>`
		select id, to_char(session_date, 'YYYY-MM-DD') as session_date, outcome, decision_number, votes_for, votes_against, votes_abstained,
			cardinality(present_deputy_ids) as present, roster_size, quorum_required
		from kenesh_session where local_plan_id = ${planId} order by session_date desc, id desc`;
	const revisions = await sql<
		{ id: number; state: string }[]
	>`select id, state from local_plan where revision_of = ${planId} order by id`;
	return {
		state: plan.state,
		submittedAt: p.submittedAt,
		revisionOf: p.revisionOf,
		revisions,
		approval: approval ?? null,
		sessions,
		isSecretary: await isSecretary(sql, actor, plan.municipalityId),
		supersededBy: plan.state === 'approved' ? await supersededBy(sql, planId) : null
	};
}

/** Starts a revision of an approved plan: a new draft holding a copy of everything, each part remembering its original. */
export async function startRevision(
	sql: Sql,
	actor: Actor | null,
	planId: number
): Promise<number> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (!canReview(actor, 'revise', plan)) throw new Forbidden();
		if (plan.state !== 'approved')
			throw new DomainError('error_transition', 409, { from: plan.state, to: 'revision' });
		const [open] = await tx<
			{ id: number }[]
		>`select id from local_plan where revision_of = ${planId} and state <> 'approved'`;
		if (open) throw new DomainError('error_revision_open', 409, { id: open.id });
		const [{ id: newId }] = await tx<{ id: number }[]>`
			insert into local_plan (municipality_id, kind, title, period_start, period_end, created_by, revision_of)
			select municipality_id, kind, title, period_start, period_end, ${actor!.id}, id from local_plan where id = ${planId} returning id`;
		await tx`insert into local_plan_envelope (local_plan_id, municipality_id, year, amount) select ${newId}, municipality_id, year, amount from local_plan_envelope where local_plan_id = ${planId}`;
		const sections = await tx<
			{ id: number; title: string; position: number }[]
		>`select id, title, position from plan_section where local_plan_id = ${planId} order by position`;
		for (const s of sections) {
			const [{ id: sectionId }] = await tx<
				{ id: number }[]
			>`insert into plan_section (local_plan_id, municipality_id, title, position) values (${newId}, ${plan.municipalityId}, ${s.title}, ${s.position}) returning id`;
			const activities = await tx<
				{ id: number }[]
			>`select id from activity where section_id = ${s.id} order by position`;
			for (const a of activities) {
				const [{ id: activityId }] = await tx<{ id: number }[]>`
					insert into activity (local_plan_id, municipality_id, section_id, position, measure_node_id, national_text, title, reason, responsible, partners,
						target_groups, start_year, start_quarter, end_year, end_quarter, copied_from)
					select ${newId}, municipality_id, ${sectionId}, position, measure_node_id, national_text, title, reason, responsible, partners,
						target_groups, start_year, start_quarter, end_year, end_quarter, id from activity where id = ${a.id}
					returning id`;
				for (const i of await tx<
					{ id: number }[]
				>`select id from indicator where activity_id = ${a.id} order by position, id`) {
					const [{ id: indicatorId }] = await tx<{ id: number }[]>`
						insert into indicator (activity_id, municipality_id, name, unit, kind, baseline, by_sex, by_age, by_disability, data_source, position)
						select ${activityId}, municipality_id, name, unit, kind, baseline, by_sex, by_age, by_disability, data_source, position from indicator where id = ${i.id}
						returning id`;
					await tx`insert into indicator_target (indicator_id, municipality_id, year, value) select ${indicatorId}, municipality_id, year, value from indicator_target where indicator_id = ${i.id}`;
				}
				await tx`
					insert into budget_line (activity_id, municipality_id, year, amount, source, donor_name, classification_code, marker, gender_share, justification,
						beneficiaries_women, beneficiaries_men, beneficiaries_girls, beneficiaries_boys)
					select ${activityId}, municipality_id, year, amount, source, donor_name, classification_code, marker, gender_share, justification,
						beneficiaries_women, beneficiaries_men, beneficiaries_girls, beneficiaries_boys from budget_line where activity_id = ${a.id} order by id`;
			}
		}
		await event(tx, plan, 'revision_started', actor!.id, String(newId));
		await audit.record(tx, {
			userId: actor!.id,
			municipalityId: plan.municipalityId,
			entity: 'local_plan',
			entityId: newId,
			action: 'revise',
			after: { revisionOf: planId }
		});
		return newId;
	});
}

// ---------------------------------------------------------------- comments

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

async function targetInPlan(tx: Sql, planId: number, kind: string, id: number): Promise<boolean> {
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
		if (!canReview(actor, 'comment', plan)) throw new Forbidden();
		if (!(await targetInPlan(tx, planId, input.targetKind, input.targetId)))
			throw new DomainError('error_comment_target');
		if (input.parentId) {
			const [parent] =
				await tx`select 1 from comment where id = ${input.parentId} and local_plan_id = ${planId} and target_kind = ${input.targetKind} and target_id = ${input.targetId}`;
			if (!parent) throw new DomainError('error_comment_target');
		}
		const [{ id }] = await tx<{ id: number }[]>`
			insert into comment (local_plan_id, municipality_id, target_kind, target_id, parent_id, author_id, body)
			values (${planId}, ${plan.municipalityId}, ${input.targetKind}, ${input.targetId}, ${input.parentId ?? null}, ${actor!.id}, ${body}) returning id`;
		const isStaff = actor!.memberships.some(
			(m) => m.role === 'staff' && m.territoryId === plan.municipalityId
		);
		const recipients = (
			await usersOf(tx, plan.municipalityId, isStaff ? 'deputy' : 'staff')
		).filter((u) => u !== actor!.id);
		await notify(tx, recipients, {
			municipalityId: plan.municipalityId,
			planId,
			kind: 'comment',
			payload: { targetKind: input.targetKind, targetId: input.targetId, commentId: id }
		});
		return id;
	});
}

export async function comments(sql: Sql, actor: Actor | null, planId: number): Promise<Comment[]> {
	await requirePlan(sql, actor, planId, 'read');
	return sql<Comment[]>`
		select c.id, c.target_kind, c.target_id, c.parent_id, u.username as author, u.full_name as author_name, c.body, c.created_at
		from comment c left join app_user u on u.id = c.author_id where c.local_plan_id = ${planId} order by c.created_at, c.id`;
}

// ---------------------------------------------------------------- amendments

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
		const title = (proposed.title ?? '').trim();
		if (!title) throw new DomainError('error_amendment_empty');
		if (title.length > 2000) throw new DomainError('error_field_too_long', 400, { max: 2000 });
		out.title = title;
		return out;
	}
	if ((proposed.amount ?? '').trim()) {
		const money = parseMoneyInput(proposed.amount);
		if (!money.ok) throw new DomainError('error_' + money.problem, 400, { value: proposed.amount });
		out.amount = money.value;
	}
	if ((proposed.source ?? '').trim()) {
		if (!(FUNDING as readonly string[]).includes(proposed.source))
			throw new DomainError('error_funding_source');
		out.source = proposed.source;
		if (proposed.source === 'donor') {
			if (!(proposed.donorName ?? '').trim()) throw new DomainError('error_donor_name_required');
			out.donorName = proposed.donorName.trim();
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
			if (!(proposed.justification ?? '').trim())
				throw new DomainError('error_marker2_justification');
			out.justification = proposed.justification.trim();
		}
	}
	if (Object.keys(out).length === 0) throw new DomainError('error_amendment_empty');
	return out;
}

/** A deputy proposes a change to an activity's wording or to a budget line (amount, marker, source) of a submitted plan. */
export async function proposeAmendment(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: { targetKind: string; targetId: number; proposed: Record<string, string>; reason: string }
): Promise<number> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (!canReview(actor, 'amend', plan)) throw new Forbidden();
		if (plan.state !== 'submitted') throw new DomainError('error_amendment_not_submitted', 409);
		if (
			!['activity', 'budget_line'].includes(input.targetKind) ||
			!(await targetInPlan(tx, planId, input.targetKind, input.targetId))
		)
			throw new DomainError('error_comment_target');
		const proposed = cleanProposal(input.targetKind, input.proposed);
		const [{ id }] = await tx<{ id: number }[]>`
			insert into amendment (local_plan_id, municipality_id, target_kind, target_id, proposed, reason, author_id)
			values (${planId}, ${plan.municipalityId}, ${input.targetKind}, ${input.targetId}, ${tx.json(proposed as never)}, ${input.reason.trim().slice(0, 2000)}, ${actor!.id})
			returning id`;
		await audit.record(tx, {
			userId: actor!.id,
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
		if (!canReview(actor, 'decide_amendment', plan)) throw new Forbidden();
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
		if (a.state !== 'proposed') throw new DomainError('error_amendment_decided', 409);
		// the session may have been recorded while this decision waited for the plan: the approved version stays as voted
		if (plan.state !== 'submitted') throw new DomainError('error_amendment_too_late', 409);
		const reason = input.reason.trim();
		if (!input.accept) {
			if (!reason) throw new DomainError('error_amendment_reason');
			await tx`update amendment set state = 'rejected', decided_by = ${actor!.id}, decided_at = now(), decision_reason = ${reason} where id = ${amendmentId}`;
			await audit.record(tx, {
				userId: actor!.id,
				municipalityId: plan.municipalityId,
				entity: 'amendment',
				entityId: amendmentId,
				action: 'reject',
				after: { reason }
			});
		} else {
			await applyAmendment(tx, actor!, plan, a);
			await tx`update amendment set state = 'accepted', decided_by = ${actor!.id}, decided_at = now(), decision_reason = ${reason} where id = ${amendmentId}`;
			await audit.record(tx, {
				userId: actor!.id,
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
			{ title: string }[]
		>`select title from activity where id = ${a.targetId}`;
		await tx`update activity set title = ${String(p.title)}, row_version = row_version + 1, updated_at = now() where id = ${a.targetId}`;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'activity',
			entityId: a.targetId,
			action: 'amend',
			before: { title: before.title },
			after: { title: p.title }
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
			await tx`select 1 from indicator where activity_id = ${line.activityId} and by_sex limit 1`;
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
	planId: number
): Promise<Amendment[]> {
	await requirePlan(sql, actor, planId, 'read');
	return sql<Amendment[]>`
		select a.id, a.target_kind, a.target_id, a.proposed, a.reason, u.username as author, u.full_name as author_name, a.state,
			d.username as decided_by, a.decided_at, a.decision_reason, a.created_at
		from amendment a left join app_user u on u.id = a.author_id left join app_user d on d.id = a.decided_by
		where a.local_plan_id = ${planId} order by a.created_at, a.id`;
}

/** How many deputies must be present: strictly more than the municipality's quorum share of the roster (half by default). */
export async function quorumFor(
	sql: Sql,
	municipalityId: number,
	rosterSize: number
): Promise<number> {
	const [{ quorumPercent }] = await sql<{ quorumPercent: number }[]>`
		select coalesce((select quorum_percent from municipality_profile where municipality_id = ${municipalityId}), 50) as quorum_percent`;
	return Math.floor((rosterSize * quorumPercent) / 100) + 1;
}

/** The active deputies of a municipality, for the session form. */
export async function rosterFor(
	sql: Sql,
	municipalityId: number
): Promise<{ id: number; fullName: string; sex: string; isSecretary: boolean }[]> {
	return sql`select id, full_name, sex, is_secretary from deputy where municipality_id = ${municipalityId} and active order by full_name`;
}

/** What a revision changes against the approved version it started from. */
export async function revisionDiff(
	sql: Sql,
	actor: Actor | null,
	revisionId: number
): Promise<{
	diff: import('./diff').PlanDiff;
	approvedId: number;
	approval: NonNullable<ApprovalInfo['approval']>;
}> {
	const { diffPlans } = await import('./diff');
	const revision = await planView(sql, actor, revisionId);
	const [p] = await sql<
		{ revisionOf: number | null }[]
	>`select revision_of from local_plan where id = ${revisionId}`;
	if (!p?.revisionOf) throw new DomainError('error_not_revision', 404);
	const [a] = await sql<
		{
			snapshot: import('../plans/types').PlanView;
			decisionNumber: string;
			decisionDate: string;
			contentHash: string;
			approvedAt: Date;
		}[]
	>`
		select snapshot, decision_number, to_char(decision_date, 'YYYY-MM-DD') as decision_date, content_hash, approved_at from plan_approval where local_plan_id = ${p.revisionOf}`;
	if (!a) throw new DomainError('error_not_found', 404);
	const copiedFrom = new Map(
		(
			await sql<
				{ id: number; copiedFrom: number | null }[]
			>`select id, copied_from from activity where local_plan_id = ${revisionId}`
		).map((r) => [r.id, r.copiedFrom])
	);
	const diff = diffPlans(a.snapshot, revision, {
		originOf: (act, side) =>
			act.provenance?.measureStableId ??
			'copy:' + (side === 'approved' ? act.id : (copiedFrom.get(act.id) ?? 'new-' + act.id))
	});
	return {
		diff,
		approvedId: p.revisionOf,
		approval: {
			decisionNumber: a.decisionNumber,
			decisionDate: a.decisionDate,
			contentHash: a.contentHash,
			approvedAt: a.approvedAt
		}
	};
}
