import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import {
	BODY_KINDS,
	ENTERED_KINDS,
	POSITION_SEXES,
	breaches,
	shareOf,
	type BodyKind,
	type Breach,
	type PositionSex
} from '../../representation/vocabulary';
import { can, type RepresentationScope } from './permissions';

/** One body as the registry shows it: its composition, the share of women and how it breaks the rule. */
export interface Body {
	/** null for a kenesh whose positions were never entered */
	id: number | null;
	kind: BodyKind;
	/** null for the kenesh, which is named by its municipality */
	nameKy: string | null;
	nameRu: string | null;
	women: number;
	men: number;
	headSex: PositionSex | null;
	deputySex: PositionSex | null;
	/** women's share in percent, one decimal ("42.9") */
	womenShare: string;
	meets: boolean;
	breaches: Breach[];
	/** the kenesh: counted from the active roster, not entered */
	fromRoster: boolean;
}

/** What staff type (or a row of an import carries) for a body other than the kenesh. */
export interface BodyInput {
	kind: string;
	nameKy: string;
	nameRu: string;
	women: number | string | null;
	men: number | string | null;
	headSex?: string | null;
	deputySex?: string | null;
}

export interface CleanBody {
	kind: Exclude<BodyKind, 'kenesh'>;
	nameKy: string;
	nameRu: string;
	women: number;
	men: number;
	headSex: PositionSex | null;
	deputySex: PositionSex | null;
}

export const NAME_MAX = 200;
export const COUNT_MAX = 100000;

/** A problem with one field of a body: its message key, parameters and the field. */
export interface FieldProblem {
	code: string;
	params?: Record<string, string | number>;
	field: string;
}

function count(value: number | string | null | undefined): number | null {
	const s = String(value ?? '').trim();
	if (!/^\d{1,6}$/.test(s)) return null;
	const n = Number(s);
	return n <= COUNT_MAX ? n : null;
}

function sexOf(value: string | null | undefined): PositionSex | null | undefined {
	const s = String(value ?? '').trim();
	if (s === '') return null;
	return (POSITION_SEXES as readonly string[]).includes(s) ? (s as PositionSex) : undefined;
}

/** Whether the head and the deputy head can be among the members: a woman head needs a woman member. */
function positionsFit(
	women: number,
	men: number,
	head: PositionSex | null,
	deputy: PositionSex | null
) {
	const need = { female: 0, male: 0 };
	if (head) need[head]++;
	if (deputy) need[deputy]++;
	return need.female <= women && need.male <= men;
}

/** Checks a body's input; every problem found, not only the first (an import reports them all). */
export function checkBody(input: BodyInput): { clean: CleanBody | null; problems: FieldProblem[] } {
	const problems: FieldProblem[] = [];
	const kind = String(input.kind ?? '').trim();
	if (!(ENTERED_KINDS as readonly string[]).includes(kind))
		problems.push({ code: 'representation_error_kind', field: 'kind' });
	const name = (v: string) =>
		String(v ?? '')
			.replace(/\s+/g, ' ')
			.trim();
	const nameKy = name(input.nameKy);
	const nameRu = name(input.nameRu);
	for (const [field, value] of [
		['nameKy', nameKy],
		['nameRu', nameRu]
	] as const) {
		if (value === '') problems.push({ code: 'representation_error_name_required', field });
		else if (value.length > NAME_MAX)
			problems.push({ code: 'representation_error_name_long', params: { max: NAME_MAX }, field });
	}
	const women = count(input.women);
	const men = count(input.men);
	if (women === null)
		problems.push({
			code: 'representation_error_count',
			params: { max: COUNT_MAX },
			field: 'women'
		});
	if (men === null)
		problems.push({ code: 'representation_error_count', params: { max: COUNT_MAX }, field: 'men' });
	if (women !== null && men !== null && women + men === 0)
		problems.push({ code: 'representation_error_no_members', field: 'women' });
	const headSex = sexOf(input.headSex);
	const deputySex = sexOf(input.deputySex);
	if (headSex === undefined) problems.push({ code: 'representation_error_sex', field: 'headSex' });
	if (deputySex === undefined)
		problems.push({ code: 'representation_error_sex', field: 'deputySex' });
	if (
		women !== null &&
		men !== null &&
		headSex !== undefined &&
		deputySex !== undefined &&
		!positionsFit(women, men, headSex, deputySex)
	)
		problems.push({ code: 'representation_error_positions', field: 'headSex' });
	if (problems.length > 0) return { clean: null, problems };
	return {
		clean: {
			kind: kind as CleanBody['kind'],
			nameKy,
			nameRu,
			women: women!,
			men: men!,
			headSex: headSex!,
			deputySex: deputySex!
		},
		problems
	};
}

function clean(input: BodyInput): CleanBody {
	const { clean, problems } = checkBody(input);
	if (!clean) {
		const p = problems[0]!;
		throw new DomainError(p.code, 400, p.params ?? {}, p.field);
	}
	return clean;
}

/** Changes to one municipality's registry queue up, so a name is never taken twice at once. */
export async function lockRegistry(tx: Sql, municipalityId: number): Promise<void> {
	await tx`select pg_advisory_xact_lock(hashtext('representation'), ${municipalityId}::int)`;
}

/** The registry scope of a municipality or town, or a 404 for anything else. */
export async function scopeOf(sql: Sql, municipalityId: number): Promise<RepresentationScope> {
	const [t] = await sql<RepresentationScope[]>`
		select id as municipality_id, region_id
		from territory
		where id = ${municipalityId}
			and kind in ('municipality', 'town')`;
	if (!t) throw new DomainError('error_not_found', 404);
	return { municipalityId: Number(t.municipalityId), regionId: Number(t.regionId) };
}

interface Row {
	id: number | null;
	kind: BodyKind;
	nameKy: string | null;
	nameRu: string | null;
	women: number;
	men: number;
	headSex: PositionSex | null;
	deputySex: PositionSex | null;
	meets: boolean;
}

function toBody(r: Row): Body {
	const composition = { women: r.women, men: r.men, headSex: r.headSex, deputySex: r.deputySex };
	return {
		...r,
		id: r.id === null ? null : Number(r.id),
		womenShare: shareOf(r.women, r.women + r.men),
		breaches: breaches(composition),
		fromRoster: r.kind === 'kenesh'
	};
}

/**
 * A municipality's bodies for those who may read it: the kenesh first (from its roster, when it
 * has active deputies), then the entered bodies by kind and name. `meets` is the database's
 * verdict, `breaches` the reasons, which say the same.
 */
export async function list(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope
): Promise<Body[]> {
	if (!can(actor, 'read', scope)) throw new Forbidden();
	const rows = await sql<Row[]>`
		select id, kind, name_ky, name_ru, women, men, head_sex, deputy_sex, meets
		from representation_composition
		where municipality_id = ${scope.municipalityId}
		order by array_position(${BODY_KINDS as unknown as string[]}::text[], kind), lower(name_ky), id`;
	return rows.map(toBody);
}

/** The kenesh's head and deputy head as entered (the roster records neither). */
export async function keneshPositions(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope
): Promise<{ headSex: PositionSex | null; deputySex: PositionSex | null }> {
	if (!can(actor, 'read', scope)) throw new Forbidden();
	const [k] = await sql<{ headSex: PositionSex | null; deputySex: PositionSex | null }[]>`
		select head_sex, deputy_sex
		from representation_body
		where municipality_id = ${scope.municipalityId}
			and kind = 'kenesh'`;
	return k ?? { headSex: null, deputySex: null };
}

function snapshot(b: CleanBody) {
	return { ...b };
}

async function refuseTakenName(
	tx: Sql,
	scope: RepresentationScope,
	b: CleanBody,
	exceptId: number | null
): Promise<void> {
	const [taken] = await tx`
		select 1
		from representation_body
		where municipality_id = ${scope.municipalityId}
			and kind = ${b.kind}
			and lower(name_ky) = lower(${b.nameKy})
			and id <> ${exceptId ?? 0}`;
	if (taken) throw new DomainError('representation_error_duplicate', 400, {}, 'nameKy');
}

/** Inserts a checked body (the lock held by the caller); audited. */
export async function insertBody(
	tx: Sql,
	actorId: number | null,
	scope: RepresentationScope,
	b: CleanBody,
	action: 'create' | 'import' = 'create'
): Promise<number> {
	const { id } = (
		await tx<{ id: number }[]>`
		insert into representation_body (municipality_id, kind, name_ky, name_ru, women, men, head_sex, deputy_sex)
		values (${scope.municipalityId}, ${b.kind}, ${b.nameKy}, ${b.nameRu}, ${b.women}, ${b.men}, ${b.headSex}, ${b.deputySex})
		returning id`
	)[0]!;
	await audit.record(tx, {
		userId: actorId,
		municipalityId: scope.municipalityId,
		entity: 'representation_body',
		entityId: id,
		action,
		after: snapshot(b)
	});
	return Number(id);
}

/** Overwrites a body with checked values (the lock held by the caller); audited with what it was. */
export async function overwriteBody(
	tx: Sql,
	actorId: number | null,
	scope: RepresentationScope,
	id: number,
	before: CleanBody,
	b: CleanBody,
	action: 'update' | 'import' = 'update'
): Promise<void> {
	await tx`
		update representation_body
		set kind = ${b.kind}, name_ky = ${b.nameKy}, name_ru = ${b.nameRu}, women = ${b.women}, men = ${b.men},
			head_sex = ${b.headSex}, deputy_sex = ${b.deputySex}, updated_at = now()
		where id = ${id}`;
	await audit.record(tx, {
		userId: actorId,
		municipalityId: scope.municipalityId,
		entity: 'representation_body',
		entityId: id,
		action,
		before: snapshot(before),
		after: snapshot(b)
	});
}

/** Adds a body to the registry (the municipality's own staff only). */
export async function create(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope,
	input: BodyInput
): Promise<number> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	const b = clean(input);
	return transaction(sql, async (tx) => {
		await lockRegistry(tx, scope.municipalityId);
		await refuseTakenName(tx, scope, b, null);
		return insertBody(tx, actor.id, scope, b);
	});
}

async function entered(tx: Sql, scope: RepresentationScope, id: number): Promise<CleanBody> {
	const [b] = await tx<CleanBody[]>`
		select kind, name_ky, name_ru, women, men, head_sex, deputy_sex
		from representation_body
		where id = ${id}
			and municipality_id = ${scope.municipalityId}
			and kind <> 'kenesh'
		for update`;
	if (!b) throw new DomainError('error_not_found', 404);
	return b;
}

/** Changes a body's kind, names, counts and positions (the municipality's own staff only). */
export async function update(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope,
	id: number,
	input: BodyInput
): Promise<void> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	const b = clean(input);
	await transaction(sql, async (tx) => {
		await lockRegistry(tx, scope.municipalityId);
		const before = await entered(tx, scope, id);
		if (JSON.stringify(snapshot(before)) === JSON.stringify(snapshot(b))) return;
		await refuseTakenName(tx, scope, b, id);
		await overwriteBody(tx, actor.id, scope, id, before, b);
	});
}

/** Removes a body from the registry (the municipality's own staff only). */
export async function remove(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope,
	id: number
): Promise<void> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	await transaction(sql, async (tx) => {
		await lockRegistry(tx, scope.municipalityId);
		const before = await entered(tx, scope, id);
		await tx`delete from representation_body where id = ${id}`;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: scope.municipalityId,
			entity: 'representation_body',
			entityId: id,
			action: 'delete',
			before: snapshot(before)
		});
	});
}

/**
 * Records who holds the kenesh's chair and deputy chair, by sex (staff only): the roster keeps the
 * deputies and the secretary, not the chair. Both must be among the active deputies' sexes.
 */
export async function setKeneshPositions(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope,
	input: { headSex?: string | null; deputySex?: string | null },
	options: { system?: boolean } = {}
): Promise<void> {
	if (!options.system && !can(actor, 'manage', scope)) throw new Forbidden();
	const headSex = sexOf(input.headSex);
	const deputySex = sexOf(input.deputySex);
	if (headSex === undefined) throw new DomainError('representation_error_sex', 400, {}, 'headSex');
	if (deputySex === undefined)
		throw new DomainError('representation_error_sex', 400, {}, 'deputySex');
	await transaction(sql, async (tx) => {
		await lockRegistry(tx, scope.municipalityId);
		const roster = (
			await tx<{ women: number; men: number }[]>`
			select (count(*) filter (where sex = 'female'))::int as women,
				(count(*) filter (where sex = 'male'))::int as men
			from deputy
			where municipality_id = ${scope.municipalityId}
				and active`
		)[0]!;
		if (!positionsFit(roster.women, roster.men, headSex, deputySex))
			throw new DomainError('representation_error_kenesh_positions', 400, {}, 'headSex');
		const [before] = await tx<{ id: number; headSex: string | null; deputySex: string | null }[]>`
			select id, head_sex, deputy_sex
			from representation_body
			where municipality_id = ${scope.municipalityId}
				and kind = 'kenesh'
			for update`;
		if (before && before.headSex === headSex && before.deputySex === deputySex) return;
		const { id } = (
			before
				? await tx<{ id: number }[]>`
				update representation_body
				set head_sex = ${headSex}, deputy_sex = ${deputySex}, updated_at = now()
				where id = ${before.id}
				returning id`
				: await tx<{ id: number }[]>`
				insert into representation_body (municipality_id, kind, head_sex, deputy_sex)
				values (${scope.municipalityId}, 'kenesh', ${headSex}, ${deputySex})
				returning id`
		)[0]!;
		await audit.record(tx, {
			userId: actor?.id ?? null,
			municipalityId: scope.municipalityId,
			entity: 'representation_body',
			entityId: id,
			action: before ? 'update' : 'create',
			before: before ? { headSex: before.headSex, deputySex: before.deputySex } : undefined,
			after: { kind: 'kenesh', headSex, deputySex }
		});
	});
}
