import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { ConflictError, DomainError, Forbidden } from '../errors';
import {
	ACT_KINDS,
	ANSWERS,
	EXPERTISE_LIMITS,
	OUTCOMES,
	type ActKind,
	type Answer,
	type Outcome
} from '../../expertise/vocabulary';
import { can, type ExpertiseScope } from './permissions';
import { currentSet, questionSet, type QuestionSet } from './questions';

/** A draft local act as the list shows it. */
export interface ActSummary {
	id: number;
	kind: ActKind;
	titleKy: string;
	titleRu: string;
	number: string;
	/** YYYY-MM-DD or null */
	actDate: string | null;
	outcome: Outcome | null;
	answered: number;
	questions: number;
	version: number;
}

/** A plan activity an act is linked to (or may be). */
export interface LinkedActivity {
	id: number;
	planId: number;
	title: string;
	titleRu: string;
	planTitle: string;
	planTitleRu: string;
}

/** A draft act with its checklist, as its page, the print page and the PDF show it. */
export interface Act {
	id: number;
	scope: ExpertiseScope;
	municipality: { nameKy: string; nameRu: string; nameEn: string };
	kind: ActKind;
	titleKy: string;
	titleRu: string;
	number: string;
	actDate: string | null;
	conclusion: string;
	outcome: Outcome | null;
	rowVersion: number;
	updatedAt: Date;
	/** the questions the checklist is (or will be) filled against */
	set: QuestionSet;
	/** whether any answer, comment or conclusion is stored: then the set is fixed */
	filled: boolean;
	answers: Record<number, { answer: Answer | null; comment: string }>;
	activities: LinkedActivity[];
}

export interface ActInput {
	kind: string;
	titleKy: string;
	titleRu: string;
	number: string;
	/** YYYY-MM-DD or '' */
	actDate: string;
}

export interface ChecklistInput {
	rowVersion: number;
	/** the set the form showed */
	setId: number;
	/** by question id */
	answers: Record<number, { answer: string; comment: string }>;
	conclusion: string;
	outcome: string;
}

/** The scope of a municipality or town, or a 404 for anything else. */
export async function scopeOf(sql: Sql, municipalityId: number): Promise<ExpertiseScope> {
	const [t] = await sql<ExpertiseScope[]>`
		select id as municipality_id, region_id
		from territory
		where id = ${municipalityId}
			and kind in ('municipality', 'town')`;
	if (!t) throw new DomainError('error_not_found', 404);
	return { municipalityId: Number(t.municipalityId), regionId: Number(t.regionId) };
}

async function actScope(sql: Sql, actId: number): Promise<ExpertiseScope> {
	const [a] = await sql<ExpertiseScope[]>`
		select a.municipality_id, t.region_id
		from expertise_act a
			join territory t on t.id = a.municipality_id
		where a.id = ${actId}`;
	if (!a) throw new DomainError('error_not_found', 404);
	return { municipalityId: Number(a.municipalityId), regionId: Number(a.regionId) };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function cleanAct(input: ActInput) {
	const kind = String(input.kind ?? '').trim();
	if (!(ACT_KINDS as readonly string[]).includes(kind))
		throw new DomainError('expertise_error_kind', 400, {}, 'kind');
	const titleKy = squash(input.titleKy ?? '');
	const titleRu = squash(input.titleRu ?? '');
	if (titleKy === '' && titleRu === '')
		throw new DomainError('expertise_error_title_required', 400, {}, 'titleKy');
	for (const [field, value] of [
		['titleKy', titleKy],
		['titleRu', titleRu]
	] as const)
		if (value.length > EXPERTISE_LIMITS.title)
			throw new DomainError(
				'expertise_error_too_long',
				400,
				{ max: EXPERTISE_LIMITS.title },
				field
			);
	const number = squash(input.number ?? '');
	if (number.length > EXPERTISE_LIMITS.number)
		throw new DomainError(
			'expertise_error_too_long',
			400,
			{ max: EXPERTISE_LIMITS.number },
			'number'
		);
	const actDate = (input.actDate ?? '').trim();
	if (actDate !== '' && (!/^\d{4}-\d{2}-\d{2}$/.test(actDate) || Number.isNaN(Date.parse(actDate))))
		throw new DomainError('expertise_error_date', 400, {}, 'actDate');
	return { kind: kind as ActKind, titleKy, titleRu, number, actDate: actDate || null };
}

/** The acts of a municipality, newest first, with how far each checklist is filled. */
export async function list(
	sql: Sql,
	actor: Actor | null,
	scope: ExpertiseScope
): Promise<ActSummary[]> {
	if (!can(actor, 'read', scope)) throw new Forbidden();
	return sql<ActSummary[]>`
		select a.id, a.kind, a.title_ky, a.title_ru, a.number, to_char(a.act_date, 'YYYY-MM-DD') as act_date,
			a.outcome, s.version,
			(select count(*)::int from expertise_answer x where x.act_id = a.id and x.answer is not null) as answered,
			(select count(*)::int from expertise_question q where q.set_id = a.question_set_id) as questions
		from expertise_act a
			join expertise_question_set s on s.id = a.question_set_id
		where a.municipality_id = ${scope.municipalityId}
		order by a.created_at desc, a.id desc`;
}

/** Registers a draft act; its checklist starts empty, against the current questions. */
export async function create(
	sql: Sql,
	actor: Actor | null,
	scope: ExpertiseScope,
	input: ActInput
): Promise<number> {
	if (!can(actor, 'edit', scope)) throw new Forbidden();
	const act = cleanAct(input);
	return transaction(sql, async (tx) => {
		const set = await currentSet(tx);
		const { id } = (
			await tx<{ id: number }[]>`
			insert into expertise_act (municipality_id, kind, title_ky, title_ru, number, act_date, question_set_id, created_by)
			values (${scope.municipalityId}, ${act.kind}, ${act.titleKy}, ${act.titleRu}, ${act.number}, ${act.actDate}, ${set.id}, ${actor.id})
			returning id`
		)[0]!;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: scope.municipalityId,
			entity: 'expertise_act',
			entityId: id,
			action: 'create',
			after: act
		});
		return id;
	});
}

/** The act's row, locked for the rest of the transaction, once the actor may edit it. */
async function lockForEdit(tx: Sql, actor: Actor | null, actId: number) {
	const scope = await actScope(tx, actId);
	if (!can(actor, 'edit', scope)) throw new Forbidden();
	const [row] = await tx<
		{
			rowVersion: number;
			questionSetId: number;
			conclusion: string;
			outcome: Outcome | null;
			kind: ActKind;
			titleKy: string;
			titleRu: string;
			number: string;
			actDate: string | null;
		}[]
	>`
		select row_version, question_set_id, conclusion, outcome, kind, title_ky, title_ru, number,
			to_char(act_date, 'YYYY-MM-DD') as act_date
		from expertise_act
		where id = ${actId}
		for update`;
	if (!row) throw new DomainError('error_not_found', 404);
	return { actor, scope, row };
}

/** Changes the act's kind, titles, number and date; a conflict when someone saved the act since `rowVersion`. */
export async function updateDetails(
	sql: Sql,
	actor: Actor | null,
	actId: number,
	input: ActInput & { rowVersion: number }
): Promise<void> {
	const act = cleanAct(input);
	await transaction(sql, async (tx) => {
		const { actor: a, scope, row } = await lockForEdit(tx, actor, actId);
		if (row.rowVersion !== input.rowVersion) throw new ConflictError({}, []);
		await tx`
			update expertise_act
			set kind = ${act.kind}, title_ky = ${act.titleKy}, title_ru = ${act.titleRu}, number = ${act.number},
				act_date = ${act.actDate}, row_version = row_version + 1, updated_at = now()
			where id = ${actId}`;
		await audit.record(tx, {
			userId: a!.id,
			municipalityId: scope.municipalityId,
			entity: 'expertise_act',
			entityId: actId,
			action: 'update',
			before: {
				kind: row.kind,
				titleKy: row.titleKy,
				titleRu: row.titleRu,
				number: row.number,
				actDate: row.actDate
			},
			after: act
		});
	});
}

/** The act with its checklist; the questions are its own set once filled, else the current one. */
export async function get(sql: Sql, actor: Actor | null, actId: number): Promise<Act> {
	const scope = await actScope(sql, actId);
	if (!can(actor, 'read', scope)) throw new Forbidden();
	const [a] = await sql<
		(Omit<Act, 'scope' | 'municipality' | 'set' | 'filled' | 'answers' | 'activities'> & {
			questionSetId: number;
			nameKy: string;
			nameRu: string;
			nameEn: string;
		})[]
	>`
		select a.id, a.kind, a.title_ky, a.title_ru, a.number, to_char(a.act_date, 'YYYY-MM-DD') as act_date,
			a.conclusion, a.outcome, a.row_version, a.updated_at, a.question_set_id,
			t.name_ky, t.name_ru, t.name_en
		from expertise_act a
			join territory t on t.id = a.municipality_id
		where a.id = ${actId}`;
	if (!a) throw new DomainError('error_not_found', 404);
	const stored = await sql<{ questionId: number; answer: Answer | null; comment: string }[]>`
		select question_id, answer, comment
		from expertise_answer
		where act_id = ${actId}`;
	const filled =
		a.conclusion !== '' ||
		a.outcome !== null ||
		stored.some((s) => s.answer !== null || s.comment !== '');
	const set = filled ? await questionSet(sql, a.questionSetId) : await currentSet(sql);
	const { questionSetId: _, nameKy, nameRu, nameEn, ...rest } = a;
	return {
		...rest,
		scope,
		municipality: { nameKy, nameRu, nameEn },
		set,
		filled,
		answers: Object.fromEntries(
			stored.map((s) => [s.questionId, { answer: s.answer, comment: s.comment }])
		),
		activities: await linkedActivities(sql, actId)
	};
}

async function linkedActivities(sql: Sql, actId: number): Promise<LinkedActivity[]> {
	return sql<LinkedActivity[]>`
		select v.id, v.local_plan_id as plan_id, v.title, v.title_ru, p.title as plan_title, p.title_ru as plan_title_ru
		from expertise_act_activity l
			join activity v on v.id = l.activity_id
			join local_plan p on p.id = v.local_plan_id
		where l.act_id = ${actId}
		order by p.period_start, p.id, v.position, v.id`;
}

/**
 * Saves the checklist: every answer and comment, the conclusion and its outcome. When someone
 * saved the act since the user opened it (`rowVersion` differs), nothing is written. The first
 * save fixes the question set the form showed; later saves must be of that same set.
 */
export async function saveChecklist(
	sql: Sql,
	actor: Actor | null,
	actId: number,
	input: ChecklistInput
): Promise<void> {
	const conclusion = (input.conclusion ?? '').replace(/\r\n?/g, '\n').trim();
	if (conclusion.length > EXPERTISE_LIMITS.conclusion)
		throw new DomainError(
			'expertise_error_too_long',
			400,
			{ max: EXPERTISE_LIMITS.conclusion },
			'conclusion'
		);
	const outcome = (input.outcome ?? '').trim();
	if (outcome !== '' && !(OUTCOMES as readonly string[]).includes(outcome))
		throw new DomainError('expertise_error_outcome', 400, {}, 'outcome');
	await transaction(sql, async (tx) => {
		const { actor: a, scope, row } = await lockForEdit(tx, actor, actId);
		if (row.rowVersion !== input.rowVersion) throw new ConflictError({}, []);
		const { filled } = (
			await tx<{ filled: boolean }[]>`
			select exists (
				select 1 from expertise_answer
				where act_id = ${actId} and (answer is not null or comment <> '')
			) or ${row.conclusion !== '' || row.outcome !== null} as filled`
		)[0]!;
		const current = await currentSet(tx);
		// a filled checklist stays on its set; an empty one may move to the current set it was shown
		const allowed = filled ? [row.questionSetId] : [row.questionSetId, current.id];
		if (!allowed.includes(input.setId)) throw new ConflictError({}, []);
		const set = input.setId === current.id ? current : await questionSet(tx, input.setId);
		const answers = set.questions.map((q) => {
			const sent = input.answers[q.id] ?? { answer: '', comment: '' };
			const answer = (sent.answer ?? '').trim();
			if (answer !== '' && !(ANSWERS as readonly string[]).includes(answer))
				throw new DomainError('expertise_error_answer', 400, {}, `answer_${q.id}`);
			const comment = (sent.comment ?? '').replace(/\r\n?/g, '\n').trim();
			if (comment.length > EXPERTISE_LIMITS.comment)
				throw new DomainError(
					'expertise_error_too_long',
					400,
					{ max: EXPERTISE_LIMITS.comment },
					`comment_${q.id}`
				);
			return { questionId: q.id, answer: answer === '' ? null : answer, comment };
		});
		const unknown = Object.keys(input.answers)
			.map(Number)
			.filter((id) => !set.questions.some((q) => q.id === id));
		if (unknown.length > 0) throw new ConflictError({}, []);
		await tx`delete from expertise_answer where act_id = ${actId}`;
		for (const x of answers)
			if (x.answer !== null || x.comment !== '')
				await tx`
					insert into expertise_answer (act_id, question_id, answer, comment)
					values (${actId}, ${x.questionId}, ${x.answer}, ${x.comment})`;
		await tx`
			update expertise_act
			set question_set_id = ${set.id}, conclusion = ${conclusion}, outcome = ${outcome || null},
				row_version = row_version + 1, updated_at = now()
			where id = ${actId}`;
		await audit.record(tx, {
			userId: a!.id,
			municipalityId: scope.municipalityId,
			entity: 'expertise_act',
			entityId: actId,
			action: 'update',
			before: { conclusion: row.conclusion, outcome: row.outcome },
			after: {
				conclusion,
				outcome: outcome || null,
				answered: answers.filter((x) => x.answer !== null).length
			}
		});
	});
}

/** Activities of the municipality's plans the act is not yet linked to, for the link form. */
export async function linkable(
	sql: Sql,
	actor: Actor | null,
	actId: number
): Promise<LinkedActivity[]> {
	const scope = await actScope(sql, actId);
	if (!can(actor, 'edit', scope)) return [];
	return sql<LinkedActivity[]>`
		select v.id, v.local_plan_id as plan_id, v.title, v.title_ru, p.title as plan_title, p.title_ru as plan_title_ru
		from activity v
			join local_plan p on p.id = v.local_plan_id
			join plan_section s on s.id = v.section_id
		where v.municipality_id = ${scope.municipalityId}
			and not exists (select 1 from expertise_act_activity l where l.act_id = ${actId} and l.activity_id = v.id)
		order by p.period_start, p.id, s.position, v.position
		limit 500`;
}

/** Links the act to an activity of the same municipality's plans; linking twice changes nothing. */
export async function link(
	sql: Sql,
	actor: Actor | null,
	actId: number,
	activityId: number
): Promise<void> {
	await transaction(sql, async (tx) => {
		const { actor: a, scope } = await lockForEdit(tx, actor, actId);
		const [v] = await tx<{ id: number }[]>`
			select id
			from activity
			where id = ${activityId}
				and municipality_id = ${scope.municipalityId}`;
		if (!v) throw new DomainError('expertise_error_activity', 400, {}, 'activityId');
		const inserted = await tx`
			insert into expertise_act_activity (act_id, activity_id)
			values (${actId}, ${activityId})
			on conflict do nothing
			returning act_id`;
		if (inserted.length > 0)
			await audit.record(tx, {
				userId: a!.id,
				municipalityId: scope.municipalityId,
				entity: 'expertise_act',
				entityId: actId,
				action: 'update',
				after: { linkedActivityId: activityId }
			});
	});
}

/** Removes the act's link to an activity. */
export async function unlink(
	sql: Sql,
	actor: Actor | null,
	actId: number,
	activityId: number
): Promise<void> {
	await transaction(sql, async (tx) => {
		const { actor: a, scope } = await lockForEdit(tx, actor, actId);
		const removed = await tx`
			delete from expertise_act_activity
			where act_id = ${actId} and activity_id = ${activityId}
			returning act_id`;
		if (removed.length > 0)
			await audit.record(tx, {
				userId: a!.id,
				municipalityId: scope.municipalityId,
				entity: 'expertise_act',
				entityId: actId,
				action: 'update',
				before: { linkedActivityId: activityId }
			});
	});
}

/** The acts linked to an activity, for the activity's page (whoever reads the plan reads these). */
export async function forActivity(
	sql: Sql,
	actor: Actor | null,
	activityId: number
): Promise<
	{ id: number; kind: ActKind; titleKy: string; titleRu: string; outcome: Outcome | null }[]
> {
	const [v] = await sql<{ municipalityId: number; regionId: number }[]>`
		select v.municipality_id, t.region_id
		from activity v
			join territory t on t.id = v.municipality_id
		where v.id = ${activityId}`;
	if (
		!v ||
		!can(actor, 'read', { municipalityId: Number(v.municipalityId), regionId: Number(v.regionId) })
	)
		return [];
	return sql`
		select a.id, a.kind, a.title_ky, a.title_ru, a.outcome
		from expertise_act_activity l
			join expertise_act a on a.id = l.act_id
		where l.activity_id = ${activityId}
		order by a.created_at desc, a.id desc`;
}
