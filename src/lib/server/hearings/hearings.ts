import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError, Forbidden } from '../errors';
import * as audit from '../audit';
import { planRef, withPlanLock, type PlanRef } from '../plans/plans';
import { can } from './permissions';
import {
	DOCUMENT_KINDS,
	PARTICIPANT_FIELDS,
	type DocumentKind,
	type Moderation,
	type Outcome,
	type Participants,
	type Subject
} from '../../hearings/vocabulary';

export interface HearingInput {
	subject: Subject;
	/** `YYYY-MM-DDTHH:MM`, Bishkek time */
	heldAt: string;
	place: string;
	documents: DocumentKind[];
	documentsNote: string;
	proposalsFrom: string;
	proposalsTo: string;
}

export interface Hearing {
	id: number;
	planId: number;
	municipalityId: number;
	regionId: number;
	planTitle: string;
	planTitleRu: string | null;
	planState: 'draft' | 'submitted' | 'approved';
	municipality: { nameKy: string; nameRu: string; nameEn: string };
	subject: Subject;
	/** `YYYY-MM-DDTHH:MM`, Bishkek time */
	heldAt: string;
	place: string;
	documents: DocumentKind[];
	documentsNote: string;
	proposalsFrom: string;
	proposalsTo: string;
	/** whether proposals are taken today (Bishkek) */
	open: boolean;
	recorded: boolean;
	participants: Participants | null;
	questions: string;
	decisions: string;
}

export interface Proposal {
	id: number;
	hearingId: number;
	/** only for the municipality's staff; null elsewhere, and when none was given */
	authorName: string | null;
	body: string;
	submittedAt: Date;
	moderation: Moderation;
	outcome: Outcome;
	outcomeReason: string;
	activityId: number | null;
	amendmentId: number | null;
	/** what it became, as the plan numbers it: `1.2 Title`, or the amendment's number and target */
	becameLabel: string | null;
}

const hearingColumns = (sql: Sql) => sql`
	h.id, h.local_plan_id as plan_id, h.municipality_id, t.region_id, p.title as plan_title,
	p.title_ru as plan_title_ru, p.state as plan_state, t.name_ky, t.name_ru, t.name_en, h.subject,
	to_char(h.held_at at time zone 'Asia/Bishkek', 'YYYY-MM-DD"T"HH24:MI') as held_at, h.place,
	h.documents, h.documents_note,
	to_char(h.proposals_from, 'YYYY-MM-DD') as proposals_from,
	to_char(h.proposals_to, 'YYYY-MM-DD') as proposals_to,
	(now() at time zone 'Asia/Bishkek')::date between h.proposals_from and h.proposals_to as open,
	h.recorded_at is not null as recorded,
	h.women_under_30, h.women_30_59, h.women_60_plus, h.men_under_30, h.men_30_59, h.men_60_plus,
	h.questions, h.decisions`;

type HearingRow = Omit<Hearing, 'municipality' | 'participants'> &
	Record<(typeof PARTICIPANT_FIELDS)[number], number | null> & {
		nameKy: string;
		nameRu: string;
		nameEn: string | null;
	};

function toHearing(r: HearingRow): Hearing {
	const participants = r.recorded
		? (Object.fromEntries(PARTICIPANT_FIELDS.map((f) => [f, Number(r[f] ?? 0)])) as Participants)
		: null;
	return {
		id: Number(r.id),
		planId: Number(r.planId),
		municipalityId: Number(r.municipalityId),
		regionId: Number(r.regionId),
		planTitle: r.planTitle,
		planTitleRu: r.planTitleRu,
		planState: r.planState,
		municipality: { nameKy: r.nameKy, nameRu: r.nameRu, nameEn: r.nameEn ?? r.nameRu },
		subject: r.subject,
		heldAt: r.heldAt,
		place: r.place,
		documents: r.documents,
		documentsNote: r.documentsNote,
		proposalsFrom: r.proposalsFrom,
		proposalsTo: r.proposalsTo,
		open: r.open,
		recorded: r.recorded,
		participants,
		questions: r.questions,
		decisions: r.decisions
	};
}

async function selectHearings(sql: Sql, where: ReturnType<Sql>, lock = false): Promise<Hearing[]> {
	const rows = await sql<HearingRow[]>`
		select ${hearingColumns(sql)}
		from hearing h
		join local_plan p on p.id = h.local_plan_id
		join territory t on t.id = h.municipality_id
		where ${where}
		order by h.held_at desc, h.id desc
		${lock ? sql`for update of h` : sql``}`;
	return rows.map(toHearing);
}

/** One hearing, or a 404. */
export async function hearingRef(sql: Sql, hearingId: number, lock = false): Promise<Hearing> {
	const [h] = await selectHearings(sql, sql`h.id = ${hearingId}`, lock);
	if (!h) throw new DomainError('error_not_found', 404);
	return h;
}

function checkInput(input: HearingInput) {
	if (
		!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input.heldAt) ||
		Number.isNaN(Date.parse(input.heldAt))
	)
		throw new DomainError('hearing_error_time', 400, {}, 'heldTime');
	if (input.proposalsTo < input.proposalsFrom)
		throw new DomainError('hearing_error_period', 400, {}, 'proposalsTo');
	if (input.documents.some((d) => !DOCUMENT_KINDS.includes(d)))
		throw new DomainError('form_choice', 400, {}, 'documents');
}

/**
 * Announces a hearing on a submitted or approved plan. The plan's row is locked first, so a plan
 * returned to draft in the same moment is not announced.
 */
export async function announce(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: HearingInput
): Promise<number> {
	checkInput(input);
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (!can(actor, 'announce', plan)) throw new Forbidden();
		if (plan.state === 'draft') throw new DomainError('hearing_error_plan_draft', 409);
		const row = (
			await tx<{ id: number }[]>`
			insert into hearing (local_plan_id, municipality_id, subject, held_at, place, documents,
				documents_note, proposals_from, proposals_to, announced_by)
			values (${planId}, ${plan.municipalityId}, ${input.subject},
				(${input.heldAt}::timestamp at time zone 'Asia/Bishkek'), ${input.place.trim()},
				${input.documents}, ${input.documentsNote.trim()}, ${input.proposalsFrom},
				${input.proposalsTo}, ${actor.id})
			returning id`
		)[0]!;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'hearing',
			entityId: row.id,
			action: 'hearing_announce',
			after: input
		});
		return Number(row.id);
	});
}

/**
 * A plan's hearings, for whoever reads the plan (staff and its kenesh). `options.plan` is the plan
 * as the caller has just read it (the plan page), which spares reading it again.
 */
export async function forPlan(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	options: { plan?: PlanRef } = {}
): Promise<Hearing[]> {
	const plan = options.plan?.id === planId ? options.plan : await planRef(sql, planId);
	if (!can(actor, 'read', plan)) throw new Forbidden();
	return selectHearings(sql, sql`h.local_plan_id = ${planId}`);
}

/**
 * The proposals of a hearing as the actor may see them: the municipality's staff see every one with
 * its author's name; the kenesh and other readers see those not hidden, without names.
 */
export async function proposals(
	sql: Sql,
	actor: Actor | null,
	hearing: Hearing
): Promise<Proposal[]> {
	if (!can(actor, 'read', hearing)) throw new Forbidden();
	const staff = can(actor, 'moderate', hearing);
	return selectProposals(sql, hearing.id, { names: staff, hidden: staff, pending: staff });
}

export async function selectProposals(
	sql: Sql,
	hearingId: number,
	o: { names: boolean; hidden: boolean; pending: boolean }
): Promise<Proposal[]> {
	const rows = await sql<
		(Proposal & { activityNo: string | null; activityTitle: string | null })[]
	>`
		select pr.id, pr.hearing_id, ${o.names ? sql`pr.author_name` : sql`null::text`} as author_name,
			pr.body, pr.submitted_at, pr.moderation, pr.outcome, pr.outcome_reason, pr.activity_id,
			pr.amendment_id,
			case when a.id is not null then (s.position + 1) || '.' || (a.position + 1) end as activity_no,
			a.title as activity_title
		from hearing_proposal pr
		left join activity a on a.id = pr.activity_id
		left join plan_section s on s.id = a.section_id
		where pr.hearing_id = ${hearingId}
			${o.hidden ? sql`` : sql`and pr.moderation <> 'hidden'`}
			${o.pending ? sql`` : sql`and pr.moderation <> 'pending'`}
		order by pr.submitted_at, pr.id`;
	return rows.map(({ activityNo, activityTitle, ...r }) => ({
		...r,
		id: Number(r.id),
		hearingId: Number(r.hearingId),
		activityId: r.activityId === null ? null : Number(r.activityId),
		amendmentId: r.amendmentId === null ? null : Number(r.amendmentId),
		becameLabel:
			activityNo !== null
				? `${activityNo} ${activityTitle}`
				: r.amendmentId !== null
					? `#${r.amendmentId}`
					: null
	}));
}

/** The hearing's staff page: the hearing, every proposal, and what an accepted one may link to. */
export async function manage(sql: Sql, actor: Actor | null, hearingId: number) {
	const hearing = await hearingRef(sql, hearingId);
	if (!can(actor, 'moderate', hearing)) throw new Forbidden();
	const [items, activities, amendments] = await Promise.all([
		selectProposals(sql, hearingId, { names: true, hidden: true, pending: true }),
		sql<{ id: number; label: string }[]>`
			select a.id, (s.position + 1) || '.' || (a.position + 1) || ' ' || a.title as label
			from activity a join plan_section s on s.id = a.section_id
			where a.local_plan_id = ${hearing.planId}
			order by s.position, a.position`,
		sql<{ id: number; label: string }[]>`
			select m.id, '#' || m.id || ' ' || left(coalesce(nullif(m.reason, ''), m.target_kind), 120) as label
			from amendment m
			where m.local_plan_id = ${hearing.planId}
			order by m.id`
	]);
	return {
		hearing,
		proposals: items,
		activities: activities.map((a) => ({ id: Number(a.id), label: a.label })),
		amendments: amendments.map((a) => ({ id: Number(a.id), label: a.label }))
	};
}

/** Locks the hearing of a proposal, then reads the proposal: both decisions below go through here. */
async function withProposal<T>(
	sql: Sql,
	actor: Actor | null,
	proposalId: number,
	fn: (tx: Sql, hearing: Hearing, actor: Actor) => Promise<T>
): Promise<T> {
	return transaction(sql, async (tx) => {
		const [p] = await tx<{ hearingId: number }[]>`
			select hearing_id from hearing_proposal where id = ${proposalId}`;
		if (!p) throw new DomainError('error_not_found', 404);
		const hearing = await hearingRef(tx, Number(p.hearingId), true);
		if (!can(actor, 'moderate', hearing)) throw new Forbidden();
		await tx`select 1 from hearing_proposal where id = ${proposalId} for update`;
		return fn(tx, hearing, actor);
	});
}

/** Publishes or hides a proposal (only a published one is shown to the public). */
export async function moderate(
	sql: Sql,
	actor: Actor | null,
	proposalId: number,
	moderation: 'published' | 'hidden'
): Promise<void> {
	await withProposal(sql, actor, proposalId, async (tx, hearing, a) => {
		await tx`
			update hearing_proposal
			set moderation = ${moderation}, moderated_by = ${a.id}, moderated_at = now()
			where id = ${proposalId}`;
		await audit.record(tx, {
			userId: a.id,
			municipalityId: hearing.municipalityId,
			entity: 'hearing_proposal',
			entityId: proposalId,
			action: moderation === 'published' ? 'hearing_publish' : 'hearing_hide'
		});
	});
}

export type DecisionInput =
	| { outcome: 'accepted'; activityId: number | null; amendmentId: number | null }
	| { outcome: 'rejected'; reason: string }
	| { outcome: 'open' };

/**
 * What became of a proposal: accepted into the plan (linked to the one activity or amendment of
 * this plan it became), rejected with a reason, or open again.
 */
export async function decide(
	sql: Sql,
	actor: Actor | null,
	proposalId: number,
	input: DecisionInput
): Promise<void> {
	await withProposal(sql, actor, proposalId, async (tx, hearing, a) => {
		let activityId: number | null = null;
		let amendmentId: number | null = null;
		let reason = '';
		if (input.outcome === 'accepted') {
			if ((input.activityId === null) === (input.amendmentId === null))
				throw new DomainError('hearing_error_link', 400, {}, 'became');
			if (input.activityId !== null) {
				const [x] = await tx`
					select 1 from activity where id = ${input.activityId} and local_plan_id = ${hearing.planId}`;
				if (!x) throw new DomainError('hearing_error_link', 400, {}, 'became');
			}
			if (input.amendmentId !== null) {
				const [x] = await tx`
					select 1 from amendment where id = ${input.amendmentId} and local_plan_id = ${hearing.planId}`;
				if (!x) throw new DomainError('hearing_error_link', 400, {}, 'became');
			}
			activityId = input.activityId;
			amendmentId = input.amendmentId;
		} else if (input.outcome === 'rejected') {
			reason = input.reason.trim();
			if (!reason) throw new DomainError('hearing_error_reason', 400, {}, 'reason');
		}
		await tx`
			update hearing_proposal
			set outcome = ${input.outcome}, outcome_reason = ${reason}, activity_id = ${activityId},
				amendment_id = ${amendmentId}, decided_by = ${a.id},
				decided_at = ${input.outcome === 'open' ? null : tx`now()`}
			where id = ${proposalId}`;
		await audit.record(tx, {
			userId: a.id,
			municipalityId: hearing.municipalityId,
			entity: 'hearing_proposal',
			entityId: proposalId,
			action: 'hearing_decide',
			after: { outcome: input.outcome, reason, activityId, amendmentId }
		});
	});
}

export interface RecordInput {
	participants: Participants;
	questions: string;
	decisions: string;
}

/** Records (or corrects) what the hearing was: participants by sex and age band, questions, decisions. */
export async function record(
	sql: Sql,
	actor: Actor | null,
	hearingId: number,
	input: RecordInput
): Promise<void> {
	await transaction(sql, async (tx) => {
		const hearing = await hearingRef(tx, hearingId, true);
		if (!can(actor, 'record', hearing)) throw new Forbidden();
		const p = input.participants;
		await tx`
			update hearing
			set recorded_at = now(), recorded_by = ${actor.id},
				women_under_30 = ${p.womenUnder30}, women_30_59 = ${p.women3059}, women_60_plus = ${p.women60Plus},
				men_under_30 = ${p.menUnder30}, men_30_59 = ${p.men3059}, men_60_plus = ${p.men60Plus},
				questions = ${input.questions.trim()}, decisions = ${input.decisions.trim()}
			where id = ${hearingId}`;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: hearing.municipalityId,
			entity: 'hearing',
			entityId: hearingId,
			action: 'hearing_record',
			after: input
		});
	});
}

/** Hearings for the public: every hearing of a plan, of a municipality, or of all, newest first. */
export async function publicHearings(
	sql: Sql,
	o: { municipalityId?: number; planId?: number; limit?: number } = {}
): Promise<Hearing[]> {
	const all = await selectHearings(
		sql,
		o.planId !== undefined
			? sql`h.local_plan_id = ${o.planId}`
			: o.municipalityId !== undefined
				? sql`h.municipality_id = ${o.municipalityId}`
				: sql`true`
	);
	return o.limit ? all.slice(0, o.limit) : all;
}

export interface ProposalCounts {
	received: number;
	published: number;
	accepted: number;
	rejected: number;
}

/** How many proposals a hearing received and what became of them (counts, never names). */
export async function counts(sql: Sql, hearingIds: number[]): Promise<Map<number, ProposalCounts>> {
	if (hearingIds.length === 0) return new Map();
	const rows = await sql<({ hearingId: number } & ProposalCounts)[]>`
		select hearing_id,
			count(*)::int as received,
			(count(*) filter (where moderation = 'published'))::int as published,
			(count(*) filter (where outcome = 'accepted'))::int as accepted,
			(count(*) filter (where outcome = 'rejected'))::int as rejected
		from hearing_proposal
		where hearing_id = any(${hearingIds}::bigint[])
		group by hearing_id`;
	const out = new Map<number, ProposalCounts>();
	for (const id of hearingIds) out.set(id, { received: 0, published: 0, accepted: 0, rejected: 0 });
	for (const { hearingId, ...c } of rows) out.set(Number(hearingId), c);
	return out;
}

/** The recorded hearings of a plan as its PDF annex and its feed document show them: counts and published texts, no names. */
export interface AnnexHearing {
	hearing: Hearing;
	counts: ProposalCounts;
	proposals: Proposal[];
}

export async function annex(sql: Sql, planId: number): Promise<AnnexHearing[]> {
	const hearings = (await selectHearings(sql, sql`h.local_plan_id = ${planId}`))
		.filter((h) => h.recorded)
		.reverse();
	const byId = await counts(
		sql,
		hearings.map((h) => h.id)
	);
	return Promise.all(
		hearings.map(async (hearing) => ({
			hearing,
			counts: byId.get(hearing.id)!,
			proposals: await selectProposals(sql, hearing.id, {
				names: false,
				hidden: false,
				pending: false
			})
		}))
	);
}

/**
 * The hearings of a plan as they stand beside it (its page, the kenesh's session form): each with
 * its record, its proposals' counts and the published proposals with what became of them, no names.
 */
export async function besidePlan(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	options: { plan?: PlanRef } = {}
): Promise<(AnnexHearing & { canManage: boolean })[]> {
	const list = await forPlan(sql, actor, planId, options);
	if (list.length === 0) return [];
	const byId = await counts(
		sql,
		list.map((h) => h.id)
	);
	return Promise.all(
		list.map(async (hearing) => ({
			hearing,
			counts: byId.get(hearing.id)!,
			proposals: await selectProposals(sql, hearing.id, {
				names: false,
				hidden: false,
				pending: false
			}),
			canManage: can(actor, 'moderate', hearing)
		}))
	);
}
