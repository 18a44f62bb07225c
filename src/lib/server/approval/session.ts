/** The kenesh session: the secretary records quorum, vote and decision; approval freezes the version. */

import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { sendInTransaction } from '../jobs';
import { enqueueFeed } from '../feed/deliver';
import { contentHash } from '../content-hash';
import { activeDeputies } from '../kenesh/roster';
import { formatDate, todayInBishkek } from '../../format';
import { readablePlan, requirePlan, withPlanLock, type PlanRef } from '../plans/plans';
import { planView } from '../plans/view';
import { approvalSnapshot } from '../plans/snapshot';
import { can } from './permissions';
import { notify, usersOf } from './notifications';
import { planEvent } from './submission';

/** Whether the actor is the secretary on the municipality's roster (`deputy.is_secretary`): the one source of that flag. */
async function isSecretary(
	sql: Sql,
	actor: Actor | null,
	municipalityId: number
): Promise<boolean> {
	if (!actor) return false;
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
	input: SessionInput
): Promise<{ sessionId: number; contentHash: string | null }> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (
			!can(actor, 'record_session', plan, {
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
		const { id: sessionId } = (
			await tx<{ id: number }[]>`
			insert into kenesh_session (local_plan_id, municipality_id, session_date, roster_size, present_deputy_ids, quorum_required,
				votes_for, votes_against, votes_abstained, decision_number, outcome, recorded_by)
			values (${planId}, ${plan.municipalityId}, ${input.sessionDate}, ${roster.length}, ${present}, ${quorumRequired},
				${input.votesFor}, ${input.votesAgainst}, ${input.votesAbstained}, ${decisionNumber}, ${input.outcome}, ${actor.id})
			returning id`
		)[0]!;
		const staff = await usersOf(tx, plan.municipalityId, 'staff');
		if (input.outcome === 'returned') {
			await tx`update local_plan set state = 'draft' where id = ${planId}`;
			await planEvent(tx, plan, 'returned', actor.id, decisionNumber);
			await audit.record(tx, {
				userId: actor.id,
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
		const snapshot = approvalSnapshot(view);
		const hash = contentHash(snapshot);
		await tx`
			insert into plan_approval (local_plan_id, municipality_id, session_id, decision_number, decision_date, snapshot, content_hash)
			values (${planId}, ${plan.municipalityId}, ${sessionId}, ${decisionNumber}, ${input.sessionDate}, ${tx.json(snapshot as never)}, ${hash})`;
		await tx`update local_plan set state = 'approved', approved_at = now() where id = ${planId}`;
		await planEvent(tx, plan, 'approved', actor.id, decisionNumber);
		await audit.record(tx, {
			userId: actor.id,
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
		await enqueueFeed(tx, boss, { planId });
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
	planId: number,
	/** the plan as the caller already read it (`plans.planPage`): not read again */
	options: { plan?: PlanRef } = {}
): Promise<ApprovalInfo> {
	const plan = await readablePlan(sql, actor, planId, options.plan);
	// one query: the plan's dates, its approval, sessions, revisions, the secretary flag and what superseded it
	const [p] = await sql<
		(Pick<ApprovalInfo, 'submittedAt' | 'revisionOf' | 'revisions' | 'sessions' | 'isSecretary'> & {
			approval:
				(Omit<NonNullable<ApprovalInfo['approval']>, 'approvedAt'> & { approvedAt: string }) | null;
			supersededBy: ApprovalInfo['supersededBy'];
		})[]
	>`
		select p.submitted_at, p.revision_of,
			(select json_build_object('decisionNumber', a.decision_number, 'decisionDate', to_char(a.decision_date, 'YYYY-MM-DD'),
				'contentHash', a.content_hash, 'approvedAt', a.approved_at)
				from plan_approval a where a.local_plan_id = p.id) as approval,
			coalesce((
				select json_agg(json_build_object('id', s.id, 'sessionDate', to_char(s.session_date, 'YYYY-MM-DD'), 'outcome', s.outcome,
					'decisionNumber', s.decision_number, 'votesFor', s.votes_for, 'votesAgainst', s.votes_against,
					'votesAbstained', s.votes_abstained, 'present', cardinality(s.present_deputy_ids), 'rosterSize', s.roster_size,
					'quorumRequired', s.quorum_required) order by s.session_date desc, s.id desc)
				from kenesh_session s where s.local_plan_id = p.id
			), '[]') as sessions,
			coalesce((
				select json_agg(json_build_object('id', r.id, 'state', r.state) order by r.id)
				from local_plan r where r.revision_of = p.id
			), '[]') as revisions,
			exists (
				select 1 from deputy d
				where d.user_id = ${actor?.id ?? 0} and d.municipality_id = p.municipality_id and d.is_secretary and d.active
			) as is_secretary,
			case when ${plan.state} = 'approved' then (
				select json_build_object('id', r.id, 'decisionNumber', a.decision_number, 'decisionDate', to_char(a.decision_date, 'YYYY-MM-DD'))
				from local_plan r join plan_approval a on a.local_plan_id = r.id
				where r.revision_of = p.id and r.state = 'approved'
				limit 1
			) end as superseded_by
		from local_plan p where p.id = ${planId}`;
	if (!p) throw new DomainError('error_not_found', 404);
	return {
		state: plan.state,
		submittedAt: p.submittedAt,
		revisionOf: p.revisionOf,
		revisions: p.revisions,
		approval: p.approval && { ...p.approval, approvedAt: new Date(p.approval.approvedAt) },
		sessions: p.sessions,
		isSecretary: !!actor && p.isSecretary,
		supersededBy: p.supersededBy
	};
}

/** How many deputies must be present: strictly more than the municipality's quorum share of the roster (half by default). */
export async function quorumFor(
	sql: Sql,
	municipalityId: number,
	rosterSize: number
): Promise<number> {
	// a select without from: always one row
	const { quorumPercent } = (
		await sql<{ quorumPercent: number }[]>`
		select coalesce((select quorum_percent from municipality_profile where municipality_id = ${municipalityId}), 50) as quorum_percent`
	)[0]!;
	return Math.floor((rosterSize * quorumPercent) / 100) + 1;
}

/** The session form: the plan's title and state, the roster and its quorum; only the secretary opens it. */
export async function sessionPage(
	sql: Sql,
	actor: Actor | null,
	planId: number
): Promise<{
	planId: number;
	title: string;
	titleRu: string;
	state: ApprovalInfo['state'];
	roster: Awaited<ReturnType<typeof activeDeputies>>;
	quorum: number;
}> {
	const plan = await requirePlan(sql, actor, planId, 'read');
	if (!(await isSecretary(sql, actor, plan.municipalityId))) throw new Forbidden();
	const [p] = await sql<{ title: string; titleRu: string }[]>`
		select title, title_ru
		from local_plan
		where id = ${planId}`;
	if (!p) throw new DomainError('error_not_found', 404);
	const roster = await activeDeputies(sql, plan.municipalityId);
	return {
		planId,
		title: p.title,
		titleRu: p.titleRu,
		state: plan.state,
		roster,
		quorum: await quorumFor(sql, plan.municipalityId, roster.length)
	};
}
