import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { ConflictError, DomainError, Forbidden } from '../errors';
import { parseMoneyInput } from '../../money';
import { can, type PlanScope } from './permissions';
import { can as canReview } from '../approval/permissions';
import { LOCAL_PLAN_KINDS, type LocalPlanKind } from './types';
import { formatDate } from '../../format';
import { LIMITS } from '../../limits';

export interface PlanRef extends PlanScope {
	id: number;
	periodStart: number;
	periodEnd: number;
	rowVersion: number;
	state: 'draft' | 'submitted' | 'approved';
}

/** The plan as a permission subject, or a 404. For reading: whatever changes a plan goes through `withPlanLock`. */
export async function planRef(sql: Sql, planId: number): Promise<PlanRef> {
	return selectRef(sql, planId, false);
}

async function selectRef(sql: Sql, planId: number, lock: boolean): Promise<PlanRef> {
	const [p] = await sql<PlanRef[]>`
		select p.id, p.municipality_id, t.region_id, p.period_start, p.period_end, p.row_version, p.state
		from local_plan p
		join territory t on t.id = p.municipality_id
		where p.id = ${planId}
		${lock ? sql`for update of p` : sql``}`;
	if (!p) throw new DomainError('error_not_found', 404);
	return p;
}

/** The plan, if the actor may read it. A change checks its permission on the locked plan instead (`editPlan`). */
export async function requirePlan(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	action: 'read'
): Promise<PlanRef> {
	const ref = await planRef(sql, planId);
	if (!can(actor, action, ref)) throw new Forbidden();
	return ref;
}

/** `requirePlan` for reading, without reading the plan again when the caller already holds it (its permission is checked again). */
export async function readablePlan(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	known?: PlanRef
): Promise<PlanRef> {
	if (!known || known.id !== planId) return requirePlan(sql, actor, planId, 'read');
	if (!can(actor, 'read', known)) throw new Forbidden();
	return known;
}

/**
 * Runs fn in one transaction holding the plan's row lock, taken before anything about the plan is
 * read: fn gets the plan as it stands after every change queued before it has committed, so what
 * it decides on cannot change underneath it. Every function that changes a plan, its parts or its
 * state goes through here; concurrent calls on one plan run one after the other.
 */
export async function withPlanLock<T>(
	sql: Sql,
	planId: number,
	fn: (tx: Sql, plan: PlanRef) => Promise<T>
): Promise<T> {
	try {
		return await transaction(sql, async (tx) => fn(tx, await selectRef(tx, planId, true)));
	} catch (e) {
		throw raceRefusal(e) ?? e;
	}
}

// Unique constraints that only a write bypassing the plan lock can hit: the loser reads a 409, not a 500.
const RACE_CONSTRAINTS = new Set(['plan_approval_pkey', 'local_plan_one_open_revision_idx']);

function raceRefusal(e: unknown): DomainError | null {
	const pg = e as { code?: string; constraint_name?: string };
	if (pg?.code === '23505' && pg.constraint_name && RACE_CONSTRAINTS.has(pg.constraint_name))
		return new DomainError('error_concurrent_change', 409);
	return null;
}

/** `withPlanLock` for a direct edit: the actor may edit the plan and it is a draft, both checked on the locked row. */
export async function editPlan<T>(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	fn: (tx: Sql, plan: PlanRef, actor: Actor) => Promise<T>
): Promise<T> {
	return withPlanLock(sql, planId, async (tx, plan) => {
		if (!can(actor, 'edit', plan)) throw new Forbidden();
		await assertEditable(tx, plan);
		return fn(tx, plan, actor);
	});
}

/** Only a draft is edited directly; the error says why a plan is locked ("approved by kenesh decision No 14 of 12.03.2026"). */
export async function assertEditable(sql: Sql, ref: Pick<PlanRef, 'id' | 'state'>): Promise<void> {
	if (ref.state === 'draft') return;
	if (ref.state === 'submitted') {
		const [p] = await sql<
			{ submittedAt: Date }[]
		>`select submitted_at from local_plan where id = ${ref.id}`;
		throw new DomainError('error_plan_locked_submitted', 409, {
			date: formatDate(p?.submittedAt ?? null)
		});
	}
	const [a] = await sql<{ decisionNumber: string; decisionDate: string }[]>`
		select decision_number, to_char(decision_date, 'YYYY-MM-DD') as decision_date from plan_approval where local_plan_id = ${ref.id}`;
	throw new DomainError('error_plan_locked_approved', 409, {
		number: a?.decisionNumber ?? '',
		date: formatDate(a?.decisionDate ?? null)
	});
}

/** What the viewer of a plan list can do next with a plan. */
export type PlanNextStep = 'continue' | 'review' | 'revise' | 'read';

export interface PlanListItem {
	id: number;
	kind: LocalPlanKind;
	title: string;
	titleRu: string;
	periodStart: number;
	periodEnd: number;
	activities: number;
	updatedAt: Date;
	state: PlanRef['state'];
	/** 1 for a first plan, 2 for its first revision, … */
	version: number;
	revisionOf: number | null;
	decisionNumber: string | null;
	decisionDate: string | null;
	/** the last session returned it to the staff */
	returned: boolean;
	/** the approved revision that replaced this approved version */
	supersededBy: { id: number; decisionNumber: string; decisionDate: string } | null;
	next: PlanNextStep;
}

interface PlanListRow extends Omit<PlanListItem, 'supersededBy' | 'next'> {
	supersededById: number | null;
	supersededByNumber: string | null;
	supersededByDate: string | null;
	openRevision: boolean;
}

/** A municipality's plans with where each stands and what the viewer can do next, newest version first. */
export async function listForMunicipality(
	sql: Sql,
	actor: Actor | null,
	scope: PlanScope
): Promise<PlanListItem[]> {
	if (!can(actor, 'read', scope)) throw new Forbidden();
	const rows = await sql<PlanListRow[]>`
		with recursive chain (id, version) as (
			select id, 1 from local_plan
			where municipality_id = ${scope.municipalityId} and revision_of is null
			union all
			select p.id, c.version + 1 from local_plan p join chain c on p.revision_of = c.id
		)
		select p.id, p.kind, p.title, p.title_ru, p.period_start, p.period_end, p.updated_at, p.state, p.revision_of,
			c.version,
			a.decision_number, to_char(a.decision_date, 'YYYY-MM-DD') as decision_date,
			(select count(*)::int from activity x where x.local_plan_id = p.id) as activities,
			(p.state = 'draft' and exists (
				select 1 from kenesh_session s where s.local_plan_id = p.id and s.outcome = 'returned'
			)) as returned,
			r.id as superseded_by_id, ra.decision_number as superseded_by_number,
			to_char(ra.decision_date, 'YYYY-MM-DD') as superseded_by_date,
			exists (
				select 1 from local_plan o where o.revision_of = p.id and o.state <> 'approved'
			) as open_revision
		from local_plan p
		join chain c on c.id = p.id
		left join plan_approval a on a.local_plan_id = p.id
		left join local_plan r on r.revision_of = p.id and r.state = 'approved'
		left join plan_approval ra on ra.local_plan_id = r.id
		order by p.period_start desc, c.version desc, p.id desc`;
	return rows.map(
		({ supersededById, supersededByNumber, supersededByDate, openRevision, ...row }) => {
			const supersededBy =
				supersededById && supersededByNumber && supersededByDate
					? {
							id: supersededById,
							decisionNumber: supersededByNumber,
							decisionDate: supersededByDate
						}
					: null;
			const next: PlanNextStep =
				row.state === 'draft' && can(actor, 'edit', scope)
					? 'continue'
					: row.state === 'submitted' && canReview(actor, 'comment', scope)
						? 'review'
						: row.state === 'approved' &&
							  !supersededBy &&
							  !openRevision &&
							  canReview(actor, 'revise', scope)
							? 'revise'
							: 'read';
			return { ...row, supersededBy, next };
		}
	);
}

/** The approved revision that replaced an approved plan, if any. */
export async function supersededBy(
	sql: Sql,
	planId: number
): Promise<{ id: number; decisionNumber: string; decisionDate: string } | null> {
	const [r] = await sql<{ id: number; decisionNumber: string; decisionDate: string }[]>`
		select r.id, a.decision_number, to_char(a.decision_date, 'YYYY-MM-DD') as decision_date
		from local_plan r
		join plan_approval a on a.local_plan_id = r.id
		where r.revision_of = ${planId} and r.state = 'approved'`;
	return r ?? null;
}

export interface EnvelopeInput {
	year: number;
	amount: string;
}

/** Checks and normalises yearly envelopes typed by users: one per year of the period, amounts exact. */
function checkEnvelopes(
	envelopes: EnvelopeInput[],
	periodStart: number,
	periodEnd: number
): { year: number; amount: string }[] {
	const out: { year: number; amount: string }[] = [];
	for (const e of envelopes) {
		if (e.amount.trim() === '') continue;
		const field = `envelope_${e.year}`;
		if (e.year < periodStart || e.year > periodEnd)
			throw new DomainError(
				'error_year_outside_period',
				400,
				{ year: e.year, start: periodStart, end: periodEnd },
				field
			);
		const parsed = parseMoneyInput(e.amount);
		if (!parsed.ok)
			throw new DomainError('error_' + parsed.problem, 400, { value: e.amount }, field);
		out.push({ year: e.year, amount: parsed.value });
	}
	return out;
}

export interface CreatePlanInput {
	municipalityId: number;
	kind: string;
	/** the Kyrgyz title; it or `titleRu` may be empty, not both */
	title: string;
	titleRu?: string;
	periodStart: number;
	periodEnd: number;
	/** section titles in Kyrgyz; `sectionsRu` holds the Russian ones in the same order */
	sections: string[];
	sectionsRu?: string[];
	envelopes: EnvelopeInput[];
}

/** A title in two languages as typed: trimmed, within the limit, at least one language filled; errors name the field. */
function checkTitles(
	title: string,
	titleRu: string,
	o: { required: string; max: number; fields: [ky: string, ru: string] }
): { title: string; titleRu: string } {
	const t = { title: title.trim(), titleRu: titleRu.trim() };
	if (!t.title && !t.titleRu) throw new DomainError(o.required, 400, {}, o.fields[0]);
	if (t.title.length > o.max)
		throw new DomainError('error_field_too_long', 400, { max: o.max }, o.fields[0]);
	if (t.titleRu.length > o.max)
		throw new DomainError('error_field_too_long', 400, { max: o.max }, o.fields[1]);
	return t;
}

const SECTION_TITLES = {
	required: 'error_section_title_required',
	max: LIMITS.sectionTitle,
	fields: ['title', 'titleRu'] as [string, string]
};

/** Section titles of a new plan paired by line: a line empty in both languages is no section. */
function pairSections(ky: string[], ru: string[]): { title: string; titleRu: string }[] {
	const pairs = Array.from({ length: Math.max(ky.length, ru.length) }, (_, i) => ({
		title: (ky[i] ?? '').trim(),
		titleRu: (ru[i] ?? '').trim()
	}));
	const o = { ...SECTION_TITLES, fields: ['sections', 'sectionsRu'] as [string, string] };
	return pairs.filter((p) => p.title || p.titleRu).map((p) => checkTitles(p.title, p.titleRu, o));
}

function checkPlanFields(input: {
	kind: string;
	title: string;
	titleRu: string;
	periodStart: number;
	periodEnd: number;
}) {
	if (!(LOCAL_PLAN_KINDS as readonly string[]).includes(input.kind))
		throw new DomainError('error_plan_kind', 400, {}, 'kind');
	const titles = checkTitles(input.title, input.titleRu, {
		required: 'error_plan_title_required',
		max: LIMITS.planTitle,
		fields: ['title', 'titleRu']
	});
	const ok = (y: number) => Number.isInteger(y) && y >= 2000 && y <= 2100;
	if (!ok(input.periodStart) || !ok(input.periodEnd) || input.periodEnd < input.periodStart)
		throw new DomainError('error_plan_period', 400, {}, 'periodEnd');
	if (input.periodEnd - input.periodStart > 9)
		throw new DomainError('error_plan_period_long', 400, {}, 'periodEnd');
	return titles;
}

/** Creates a plan with its sections (priority areas) and yearly envelopes; only the municipality's staff may. */
export async function createPlan(
	sql: Sql,
	actor: Actor | null,
	input: CreatePlanInput
): Promise<number> {
	const [m] = await sql<
		{ kind: string; regionId: number }[]
	>`select kind, region_id from territory where id = ${input.municipalityId}`;
	if (!m || !['municipality', 'town'].includes(m.kind))
		throw new DomainError('error_not_found', 404);
	if (!can(actor, 'create', { municipalityId: input.municipalityId, regionId: m.regionId }))
		throw new Forbidden();
	const { title, titleRu } = checkPlanFields({ ...input, titleRu: input.titleRu ?? '' });
	const sections = pairSections(input.sections, input.sectionsRu ?? []);
	if (sections.length === 0)
		throw new DomainError('error_plan_sections_required', 400, {}, 'sections');
	// one request creates a bounded number of rows
	if (sections.length > LIMITS.sections)
		throw new DomainError('error_too_many_sections', 400, { max: LIMITS.sections }, 'sections');
	const envelopes = checkEnvelopes(input.envelopes, input.periodStart, input.periodEnd);
	return transaction(sql, async (tx) => {
		const { id } = (
			await tx<{ id: number }[]>`
			insert into local_plan (municipality_id, kind, title, title_ru, period_start, period_end, created_by)
			values (${input.municipalityId}, ${input.kind}, ${title}, ${titleRu}, ${input.periodStart}, ${input.periodEnd}, ${actor.id})
			returning id`
		)[0]!;
		for (const [position, s] of sections.entries()) {
			await tx`
				insert into plan_section (local_plan_id, municipality_id, title, title_ru, position)
				values (${id}, ${input.municipalityId}, ${s.title}, ${s.titleRu}, ${position})`;
		}
		for (const e of envelopes) {
			await tx`insert into local_plan_envelope (local_plan_id, municipality_id, year, amount) values (${id}, ${input.municipalityId}, ${e.year}, ${e.amount})`;
		}
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: input.municipalityId,
			entity: 'local_plan',
			entityId: id,
			action: 'create',
			after: {
				kind: input.kind,
				title,
				titleRu,
				periodStart: input.periodStart,
				periodEnd: input.periodEnd,
				sections,
				envelopes
			}
		});
		return id;
	});
}

/**
 * Changes a plan's titles, kind and envelopes, refusing when someone else saved it since
 * `rowVersion`. A caller that leaves out `titleRu` keeps the Russian title as it is.
 */
export async function updatePlan(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	input: {
		kind: string;
		title: string;
		titleRu?: string;
		envelopes: EnvelopeInput[];
		rowVersion: number;
	}
): Promise<void> {
	await editPlan(sql, actor, planId, async (tx, ref, actor) => {
		const [before] = await tx<
			{ kind: string; title: string; titleRu: string; rowVersion: number }[]
		>`
			select kind, title, title_ru, row_version
			from local_plan
			where id = ${planId}`;
		if (!before) throw new DomainError('error_not_found', 404);
		const envBefore = await tx<
			{ year: number; amount: string }[]
		>`select year, amount::text from local_plan_envelope where local_plan_id = ${planId} order by year`;
		if (before.rowVersion !== input.rowVersion) {
			throw new ConflictError(
				{ kind: before.kind, title: before.title, titleRu: before.titleRu, envelopes: envBefore },
				['title', 'titleRu', 'kind', 'envelopes']
			);
		}
		const { title, titleRu } = checkPlanFields({
			...input,
			titleRu: input.titleRu ?? before.titleRu,
			periodStart: ref.periodStart,
			periodEnd: ref.periodEnd
		});
		const envelopes = checkEnvelopes(input.envelopes, ref.periodStart, ref.periodEnd);
		await tx`
			update local_plan
			set kind = ${input.kind}, title = ${title}, title_ru = ${titleRu}, row_version = row_version + 1, updated_at = now()
			where id = ${planId}`;
		await tx`delete from local_plan_envelope where local_plan_id = ${planId}`;
		for (const e of envelopes) {
			await tx`insert into local_plan_envelope (local_plan_id, municipality_id, year, amount) values (${planId}, ${ref.municipalityId}, ${e.year}, ${e.amount})`;
		}
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: ref.municipalityId,
			entity: 'local_plan',
			entityId: planId,
			action: 'update',
			before: {
				kind: before.kind,
				title: before.title,
				titleRu: before.titleRu,
				envelopes: envBefore
			},
			after: { kind: input.kind, title, titleRu, envelopes }
		});
	});
}

/** Adds a section (priority area) at the end of the plan, titled in Kyrgyz, Russian or both. */
export async function addSection(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	title: string,
	titleRu = ''
): Promise<number> {
	const t = checkTitles(title, titleRu, SECTION_TITLES);
	return editPlan(sql, actor, planId, async (tx, ref, actor) => {
		const { n } = (
			await tx<
				{ n: number }[]
			>`select count(*)::int as n from plan_section where local_plan_id = ${planId}`
		)[0]!;
		if (n >= LIMITS.sections)
			throw new DomainError('error_too_many_sections', 400, { max: LIMITS.sections }, 'title');
		const { id } = (
			await tx<{ id: number }[]>`
			insert into plan_section (local_plan_id, municipality_id, title, title_ru, position)
			values (${planId}, ${ref.municipalityId}, ${t.title}, ${t.titleRu},
				(select coalesce(max(position) + 1, 0) from plan_section where local_plan_id = ${planId}))
			returning id`
		)[0]!;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: ref.municipalityId,
			entity: 'plan_section',
			entityId: id,
			action: 'create',
			after: { planId, ...t }
		});
		await touch(tx, planId);
		return id;
	});
}

/** Changes a section's Kyrgyz and Russian titles, refusing when someone else saved it since `rowVersion`. */
export async function updateSection(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	sectionId: number,
	input: { title: string; titleRu: string; rowVersion: number }
): Promise<void> {
	const t = checkTitles(input.title, input.titleRu, SECTION_TITLES);
	await editPlan(sql, actor, planId, async (tx, ref, actor) => {
		const [before] = await tx<{ title: string; titleRu: string; rowVersion: number }[]>`
			select title, title_ru, row_version
			from plan_section
			where id = ${sectionId}
				and local_plan_id = ${planId}`;
		if (!before) throw new DomainError('error_not_found', 404);
		if (before.rowVersion !== input.rowVersion) {
			const changed = (['title', 'titleRu'] as const).filter((k) => before[k] !== t[k]);
			throw new ConflictError({ title: before.title, titleRu: before.titleRu }, changed);
		}
		if (before.title === t.title && before.titleRu === t.titleRu) return;
		await tx`
			update plan_section
			set title = ${t.title}, title_ru = ${t.titleRu}, row_version = row_version + 1
			where id = ${sectionId}`;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: ref.municipalityId,
			entity: 'plan_section',
			entityId: sectionId,
			action: 'update',
			before: { planId, title: before.title, titleRu: before.titleRu },
			after: { planId, ...t }
		});
		await touch(tx, planId);
	});
}

/** Removes an empty section; a section with activities must be emptied first, so nothing is lost by accident. */
export async function deleteSection(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	sectionId: number
): Promise<void> {
	await editPlan(sql, actor, planId, async (tx, ref, actor) => {
		const [s] = await tx<{ title: string; titleRu: string }[]>`
			select title, title_ru
			from plan_section
			where id = ${sectionId}
				and local_plan_id = ${planId}`;
		if (!s) throw new DomainError('error_not_found', 404);
		const { n } = (
			await tx<
				{ n: number }[]
			>`select count(*)::int as n from activity where section_id = ${sectionId}`
		)[0]!;
		if (n > 0) throw new DomainError('error_section_not_empty', 409, { count: n });
		const { sections } = (
			await tx<
				{ sections: number }[]
			>`select count(*)::int as sections from plan_section where local_plan_id = ${planId}`
		)[0]!;
		if (sections <= 1) throw new DomainError('error_plan_sections_required');
		const deleted = await tx`delete from plan_section where id = ${sectionId} returning id`;
		if (deleted.length === 0) throw new DomainError('error_not_found', 404);
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: ref.municipalityId,
			entity: 'plan_section',
			entityId: sectionId,
			action: 'delete',
			before: { planId, title: s.title, titleRu: s.titleRu }
		});
		await touch(tx, planId);
	});
}

/** Marks the plan changed (its summary moved). */
export async function touch(tx: Sql, planId: number): Promise<void> {
	await tx`update local_plan set updated_at = now() where id = ${planId}`;
}
