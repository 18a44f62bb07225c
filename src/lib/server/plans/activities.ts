import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { ConflictError, DomainError } from '../errors';
import { editPlan, requirePlan, touch, type PlanRef } from './plans';
import type { Activity } from './types';

const TEXT_LIMITS = {
	title: 2000,
	titleRu: 2000,
	reason: 4000,
	responsible: 500,
	partners: 1000,
	targetGroups: 1000
} as const;

async function sectionOf(tx: Sql, planId: number, sectionId: number): Promise<void> {
	const [s] =
		await tx`select 1 from plan_section where id = ${sectionId} and local_plan_id = ${planId}`;
	if (!s) throw new DomainError('error_section_unknown');
}

async function nextPosition(tx: Sql, sectionId: number): Promise<number> {
	const { p } = (
		await tx<
			{ p: number }[]
		>`select coalesce(max(position) + 1, 0)::int as p from activity where section_id = ${sectionId}`
	)[0]!;
	return p;
}

export interface AdoptResult {
	/** the new activities, in the order their measures were given */
	added: number[];
	/** the new activity of each measure added */
	byMeasure: Record<number, number>;
	/** measures this plan had already adopted: not added twice */
	skipped: number[];
}

/**
 * Adopts national measures into a section: each becomes an activity whose Kyrgyz and Russian
 * wordings start from the measure's Kyrgyz and Russian texts, whatever the language of the page it
 * was picked on, and that keeps its provenance (the measure in the catalogue version it was taken
 * from, with both its texts).
 */
export async function adoptMeasures(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: {
		sectionId: number;
		measureNodeIds: number[];
		/** a section of its own for some measures, by measure id */
		sectionOf?: Record<number, number>;
	}
): Promise<AdoptResult> {
	const ids = [...new Set(input.measureNodeIds)].filter((n) => Number.isInteger(n) && n > 0);
	if (ids.length === 0) throw new DomainError('error_pick_nothing');
	if (ids.length > 200) throw new DomainError('error_pick_too_many', 400, { max: 200 });
	return editPlan(sql, actor, planId, async (tx, ref, actor) => {
		const sectionFor = (id: number) => input.sectionOf?.[id] ?? input.sectionId;
		for (const sectionId of new Set(ids.map(sectionFor))) await sectionOf(tx, planId, sectionId);
		const measures = await tx<{ id: number; titleKy: string; titleRu: string }[]>`
			select id, trim(title_ky) as title_ky, coalesce(trim(title_ru), '') as title_ru
			from plan_node
			where id in ${tx(ids)}
				and level = 'measure'`;
		if (measures.length !== ids.length) throw new DomainError('error_measure_unknown');
		// the same measure of another catalogue version (a corrected plan file) is the same measure
		const already = new Set(
			(
				await tx<{ id: number }[]>`
					select r.id
					from plan_node r
					join catalogue_version rv on rv.id = r.version_id
					where r.id in ${tx(ids)}
						and exists (
							select 1
							from activity a
							join plan_node n on n.id = a.measure_node_id
							join catalogue_version v on v.id = n.version_id
							where a.local_plan_id = ${planId}
								and v.plan_id = rv.plan_id
								and n.stable_id = r.stable_id
						)`
			).map((r) => r.id)
		);
		const byId = new Map(measures.map((m) => [m.id, m]));
		const added: number[] = [];
		const byMeasure: Record<number, number> = {};
		const positions = new Map<number, number>();
		for (const id of ids) {
			if (already.has(id)) continue;
			const m = byId.get(id)!;
			const sectionId = sectionFor(id);
			const position = positions.get(sectionId) ?? (await nextPosition(tx, sectionId));
			positions.set(sectionId, position + 1);
			const { id: activityId } = (
				await tx<{ id: number }[]>`
				insert into activity (local_plan_id, municipality_id, section_id, position, measure_node_id,
					national_text, national_text_ru, title, title_ru)
				values (${planId}, ${ref.municipalityId}, ${sectionId}, ${position}, ${id},
					${m.titleKy}, ${m.titleRu || null}, ${m.titleKy}, ${m.titleRu})
				returning id`
			)[0]!;
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: ref.municipalityId,
				entity: 'activity',
				entityId: activityId,
				action: 'adopt',
				after: {
					planId,
					sectionId,
					measureNodeId: id,
					title: m.titleKy,
					titleRu: m.titleRu
				}
			});
			added.push(activityId);
			byMeasure[id] = activityId;
		}
		await touch(tx, planId);
		return { added, byMeasure, skipped: ids.filter((id) => already.has(id)) };
	});
}

/**
 * The measures a plan has adopted, as nodes of the current catalogue versions (a measure adopted
 * from an older version of its plan counts as adopted in the current one too), and the nodes adopted.
 */
export async function adoptedMeasureIds(sql: Sql, planId: number): Promise<number[]> {
	const rows = await sql<{ id: number }[]>`
		select a.measure_node_id as id
		from activity a
		where a.local_plan_id = ${planId}
			and a.measure_node_id is not null
		union
		select cur.id
		from activity a
		join plan_node n on n.id = a.measure_node_id
		join catalogue_version v on v.id = n.version_id
		join catalogue_version cv on cv.plan_id = v.plan_id and cv.is_current
		join plan_node cur on cur.version_id = cv.id and cur.stable_id = n.stable_id
		where a.local_plan_id = ${planId}`;
	return rows.map((r) => r.id);
}

/** A wording pair as typed: trimmed, within the limit, at least one of the two languages filled. */
function checkWording(title: string, titleRu: string): { title: string; titleRu: string } {
	const w = { title: title.trim(), titleRu: titleRu.trim() };
	if (!w.title && !w.titleRu)
		throw new DomainError('error_activity_title_required', 400, {}, 'title');
	for (const k of ['title', 'titleRu'] as const) {
		if (w[k].length > TEXT_LIMITS[k])
			throw new DomainError('error_field_too_long', 400, { max: TEXT_LIMITS[k] }, k);
	}
	return w;
}

/** Adds an activity of the municipality's own, without a national source, worded in Kyrgyz, Russian or both. */
export async function addLocalActivity(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: { sectionId: number; title: string; titleRu?: string }
): Promise<number> {
	const { title, titleRu } = checkWording(input.title, input.titleRu ?? '');
	return editPlan(sql, actor, planId, async (tx, ref, actor) => {
		await sectionOf(tx, planId, input.sectionId);
		const { id } = (
			await tx<{ id: number }[]>`
			insert into activity (local_plan_id, municipality_id, section_id, position, title, title_ru)
			values (${planId}, ${ref.municipalityId}, ${input.sectionId}, ${await nextPosition(tx, input.sectionId)}, ${title}, ${titleRu})
			returning id`
		)[0]!;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: ref.municipalityId,
			entity: 'activity',
			entityId: id,
			action: 'create',
			after: { planId, sectionId: input.sectionId, title, titleRu }
		});
		await touch(tx, planId);
		return id;
	});
}

/** What staff adapt locally in an activity: the editable part of `Activity`. */
const FIELD_NAMES = [
	'title',
	'titleRu',
	'reason',
	'responsible',
	'partners',
	'targetGroups',
	'startYear',
	'startQuarter',
	'endYear',
	'endQuarter'
] as const;
export type ActivityFields = Pick<Activity, (typeof FIELD_NAMES)[number]>;
/** What `updateActivity` takes: a caller that leaves out `titleRu` keeps the Russian wording as it is. */
export type ActivityInput = Omit<ActivityFields, 'titleRu'> & {
	titleRu?: string;
	rowVersion: number;
};

type ActivityRow = ActivityFields & {
	id: number;
	localPlanId: number;
	rowVersion: number;
	sectionId: number;
	position: number;
};

async function activityRow(tx: Sql, activityId: number): Promise<ActivityRow | undefined> {
	const [row] = await tx<ActivityRow[]>`
		select id, local_plan_id, section_id, position, title, title_ru, reason, responsible, partners, target_groups,
			start_year, start_quarter, end_year, end_quarter, row_version
		from activity
		where id = ${activityId}`;
	return row;
}

/** The activity and its plan, if the actor may read it — or a 404. */
export async function activityIn(
	sql: Sql,
	actor: Actor | null,
	activityId: number
): Promise<{ row: ActivityRow; plan: PlanRef }> {
	const row = await activityRow(sql, activityId);
	if (!row) throw new DomainError('error_not_found', 404);
	return { row, plan: await requirePlan(sql, actor, row.localPlanId, 'read') };
}

/**
 * Runs fn on an activity for a change: its plan locked and checked editable by `editPlan`, then the
 * activity read under that lock — a 404 when it is gone, e.g. deleted by the call just before.
 */
export async function editActivity<T>(
	sql: Sql,
	actor: Actor | null,
	activityId: number,
	fn: (tx: Sql, row: ActivityRow, plan: PlanRef, actor: Actor) => Promise<T>
): Promise<T> {
	// which plan the activity is in, to know what to lock; an activity never moves to another plan
	const [a] = await sql<
		{ localPlanId: number }[]
	>`select local_plan_id from activity where id = ${activityId}`;
	if (!a) throw new DomainError('error_not_found', 404);
	return editPlan(sql, actor, a.localPlanId, async (tx, plan, actor) => {
		const row = await activityRow(tx, activityId);
		if (!row) throw new DomainError('error_not_found', 404);
		return fn(tx, row, plan, actor);
	});
}

function checkTimeline(f: ActivityFields, plan: PlanRef) {
	const inPeriod = (y: number | null) =>
		y === null || (y >= plan.periodStart && y <= plan.periodEnd);
	if (!inPeriod(f.startYear) || !inPeriod(f.endYear))
		throw new DomainError(
			'error_year_outside_period',
			400,
			{
				year: (!inPeriod(f.startYear) ? f.startYear : f.endYear) ?? '',
				start: plan.periodStart,
				end: plan.periodEnd
			},
			!inPeriod(f.startYear) ? 'startYear' : 'endYear'
		);
	for (const q of [f.startQuarter, f.endQuarter])
		if (q !== null && !(q >= 1 && q <= 4))
			throw new DomainError(
				'error_quarter',
				400,
				{},
				q === f.startQuarter ? 'startQuarter' : 'endQuarter'
			);
	if (
		(f.startYear === null) !== (f.startQuarter === null) ||
		(f.endYear === null) !== (f.endQuarter === null)
	)
		throw new DomainError(
			'error_quarter_year_pair',
			400,
			{},
			(f.startYear === null) !== (f.startQuarter === null) ? 'startQuarter' : 'endQuarter'
		);
	if (
		f.startYear !== null &&
		f.endYear !== null &&
		f.startYear * 4 + f.startQuarter! > f.endYear * 4 + f.endQuarter!
	)
		throw new DomainError('error_end_before_start', 400, {}, 'endYear');
}

/**
 * Saves the local adaptation of an activity. When someone else saved it since the user opened it
 * (`rowVersion` differs), nothing is written and the error carries what changed.
 */
export async function updateActivity(
	sql: Sql,
	actor: Actor | null,
	activityId: number,
	input: ActivityInput
): Promise<void> {
	const typed = {
		title: input.title.trim(),
		titleRu: input.titleRu?.trim(),
		reason: input.reason.trim(),
		responsible: input.responsible.trim(),
		partners: input.partners.trim(),
		targetGroups: input.targetGroups.trim(),
		startYear: input.startYear,
		startQuarter: input.startQuarter,
		endYear: input.endYear,
		endQuarter: input.endQuarter
	};
	for (const [k, max] of Object.entries(TEXT_LIMITS)) {
		if ((typed[k as keyof typeof TEXT_LIMITS] ?? '').length > max)
			throw new DomainError('error_field_too_long', 400, { max }, k);
	}
	await editActivity(sql, actor, activityId, async (tx, current, plan, actor) => {
		const fields: ActivityFields = { ...typed, titleRu: typed.titleRu ?? current.titleRu };
		checkWording(fields.title, fields.titleRu);
		const before = Object.fromEntries(FIELD_NAMES.map((k) => [k, current[k]]));
		if (current.rowVersion !== input.rowVersion) {
			throw new ConflictError(
				before,
				FIELD_NAMES.filter((k) => current[k] !== fields[k])
			);
		}
		checkTimeline(fields, plan);
		const changed = FIELD_NAMES.filter((k) => current[k] !== fields[k]);
		if (changed.length === 0) return;
		await tx`
			update activity set title = ${fields.title}, title_ru = ${fields.titleRu}, reason = ${fields.reason}, responsible = ${fields.responsible}, partners = ${fields.partners},
				target_groups = ${fields.targetGroups}, start_year = ${fields.startYear}, start_quarter = ${fields.startQuarter},
				end_year = ${fields.endYear}, end_quarter = ${fields.endQuarter}, row_version = row_version + 1, updated_at = now()
			where id = ${activityId}`;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'activity',
			entityId: activityId,
			action: 'update',
			before: Object.fromEntries(changed.map((k) => [k, before[k]])),
			after: Object.fromEntries(changed.map((k) => [k, fields[k]]))
		});
		await touch(tx, plan.id);
	});
}

/** Moves an activity up or down within its section, or to the end of another section; positions stay 0…n−1. */
export async function moveActivity(
	sql: Sql,
	actor: Actor | null,
	activityId: number,
	input: { direction?: 'up' | 'down'; sectionId?: number }
): Promise<void> {
	await editActivity(sql, actor, activityId, async (tx, row, plan, actor) => {
		if (input.sectionId !== undefined && input.sectionId !== row.sectionId) {
			await sectionOf(tx, plan.id, input.sectionId);
			await tx`
				update activity
				set section_id = ${input.sectionId}, position = ${await nextPosition(tx, input.sectionId)}, updated_at = now()
				where id = ${activityId}`;
			await renumber(tx, row.sectionId);
			await renumber(tx, input.sectionId);
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: plan.municipalityId,
				entity: 'activity',
				entityId: activityId,
				action: 'move',
				before: { sectionId: row.sectionId },
				after: { sectionId: input.sectionId }
			});
		} else if (input.direction) {
			const [neighbour] = await tx<{ id: number; position: number }[]>`
				select id, position from activity where section_id = ${row.sectionId}
					and ${input.direction === 'up' ? tx`position < ${row.position} order by position desc` : tx`position > ${row.position} order by position`}
				limit 1`;
			if (!neighbour) return;
			await tx`update activity set position = ${neighbour.position} where id = ${activityId}`;
			await tx`update activity set position = ${row.position} where id = ${neighbour.id}`;
			await renumber(tx, row.sectionId);
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: plan.municipalityId,
				entity: 'activity',
				entityId: activityId,
				action: 'reorder',
				before: { position: row.position },
				after: { position: neighbour.position }
			});
		}
		await touch(tx, plan.id);
	});
}

/** Numbers a section's activities 0…n−1 in their order. */
async function renumber(tx: Sql, sectionId: number): Promise<void> {
	await tx`
		update activity a
		set position = r.n - 1
		from (select id, row_number() over (order by position, id) as n from activity where section_id = ${sectionId}) r
		where a.id = r.id
			and a.position <> r.n - 1`;
}

/** Removes an activity with its indicators and budget lines; the audit keeps what it held. */
export async function deleteActivity(
	sql: Sql,
	actor: Actor | null,
	activityId: number,
	input: { rowVersion: number }
): Promise<void> {
	await editActivity(sql, actor, activityId, async (tx, row, plan, actor) => {
		if (row.rowVersion !== input.rowVersion)
			throw new ConflictError(Object.fromEntries(FIELD_NAMES.map((k) => [k, row[k]])), []);
		const lines =
			await tx`select year, amount::text, source, marker from budget_line where activity_id = ${activityId}`;
		const indicators = await tx`select name from indicator where activity_id = ${activityId}`;
		const deleted = await tx`delete from activity where id = ${activityId} returning id`;
		if (deleted.length === 0) throw new DomainError('error_not_found', 404);
		await renumber(tx, row.sectionId);
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: plan.municipalityId,
			entity: 'activity',
			entityId: activityId,
			action: 'delete',
			before: { planId: plan.id, title: row.title, titleRu: row.titleRu, budget: lines, indicators }
		});
		await touch(tx, plan.id);
	});
}

export interface HistoryEntry {
	id: number;
	at: Date;
	username: string | null;
	entity: string;
	action: string;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
}

/** Every recorded change of an activity, its indicators and its budget lines, newest first. */
export async function history(
	sql: Sql,
	actor: Actor | null,
	activityId: number
): Promise<HistoryEntry[]> {
	await activityIn(sql, actor, activityId);
	const id = String(activityId);
	return sql<HistoryEntry[]>`
		select a.id, a.at, u.username, a.entity, a.action, a.before, a.after
		from audit_log a left join app_user u on u.id = a.user_id
		where a.id in (
			select id from audit_log where entity = 'activity' and entity_id = ${id}
			union
			select id from audit_log where entity in ('indicator', 'budget_line') and after ->> 'activityId' = ${id}
			union
			select id from audit_log where entity in ('indicator', 'budget_line') and before ->> 'activityId' = ${id}
		)
		order by a.at desc, a.id desc`;
}
