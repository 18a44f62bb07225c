import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { can, type RosterScope } from './permissions';
import { recordSeats } from '../monitoring/figures';

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/** One entry of a local kenesh's roster; dates as 'YYYY-MM-DD'. */
export interface Deputy {
	id: number;
	fullName: string;
	sex: Sex;
	termStart: string | null;
	termEnd: string | null;
	isSecretary: boolean;
	userId: number | null;
	/** the login linked to this seat, if any */
	username: string | null;
	/** false once removed from the roster; the row stays for history (sessions point at it) */
	active: boolean;
}

/** What staff type for a deputy; empty strings mean "not given". */
export interface DeputyInput {
	fullName: string;
	sex: string;
	termStart?: string | null;
	termEnd?: string | null;
	isSecretary?: boolean;
	/** the login to link; empty unlinks */
	username?: string | null;
}

export interface SeatShare {
	seats: number;
	women: number;
	men: number;
	/** SDG 5.5.1b: women's share of the seats in percent, one decimal ("42.9"); "0.0" when there are no seats */
	womenShare: string;
}

interface Clean {
	fullName: string;
	sex: Sex;
	termStart: string | null;
	termEnd: string | null;
	isSecretary: boolean;
	username: string | null;
}

const NAME_MAX = 200;

/** The roster scope of a municipality or town, or a 404 for anything else. */
export async function rosterScope(sql: Sql, municipalityId: number): Promise<RosterScope> {
	const [t] = await sql<RosterScope[]>`
		select id as municipality_id, region_id
		from territory where id = ${municipalityId} and kind in ('municipality', 'town')`;
	if (!t) throw new DomainError('error_not_found', 404);
	return t;
}

/** A calendar date typed as YYYY-MM-DD (what <input type="date"> sends); null when empty. */
function parseDate(value: string | null | undefined, field: string): string | null {
	const v = String(value ?? '').trim();
	if (v === '') return null;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
	if (!match) throw new DomainError('error_deputy_term', 400, {}, field);
	const [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	// 1991: local keneshes of independent Kyrgyzstan; the upper bound catches typos such as 20288
	if (y < 1991 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
		throw new DomainError('error_deputy_term', 400, {}, field);
	return v;
}

function check(input: DeputyInput): Clean {
	const fullName = String(input.fullName ?? '')
		.replace(/\s+/g, ' ')
		.trim();
	if (fullName === '') throw new DomainError('error_deputy_name_required', 400, {}, 'fullName');
	if (fullName.length > NAME_MAX)
		throw new DomainError('error_field_too_long', 400, { max: NAME_MAX }, 'fullName');
	if (!(SEXES as readonly string[]).includes(input.sex))
		throw new DomainError('error_deputy_sex', 400, {}, 'sex');
	const termStart = parseDate(input.termStart, 'termStart');
	const termEnd = parseDate(input.termEnd, 'termEnd');
	if (termStart && termEnd && termEnd < termStart)
		throw new DomainError('error_deputy_term', 400, {}, 'termEnd');
	const username = String(input.username ?? '')
		.trim()
		.toLowerCase();
	return {
		fullName,
		sex: input.sex as Sex,
		termStart,
		termEnd,
		isSecretary: input.isSecretary === true,
		username: username || null
	};
}

/** Roster changes of one municipality queue up, so "one active secretary" never races. */
export async function lockRoster(tx: Sql, municipalityId: number): Promise<void> {
	await tx`select pg_advisory_xact_lock(hashtext('deputy_roster'), ${municipalityId}::int)`;
}

/** The fields the audit log keeps for a deputy. */
function snapshot(d: Omit<Deputy, 'id' | 'active'>) {
	return {
		fullName: d.fullName,
		sex: d.sex,
		termStart: d.termStart,
		termEnd: d.termEnd,
		isSecretary: d.isSecretary,
		userId: d.userId,
		username: d.username
	};
}

/**
 * The user to link by username: they must exist, hold the deputy role for this municipality and not
 * sit on another active roster entry. A link left on a removed entry moves to the new one.
 */
async function linkUser(
	tx: Sql,
	actorId: number | null,
	municipalityId: number,
	username: string,
	deputyId: number | null
): Promise<number> {
	const [u] = await tx<{ id: number; isDeputy: boolean }[]>`
		select u.id, exists (
			select 1 from membership m where m.user_id = u.id and m.role = 'deputy' and m.territory_id = ${municipalityId}
		) as is_deputy
		from app_user u where u.username = ${username}`;
	if (!u) throw new DomainError('error_deputy_user_unknown', 400, { username });
	if (!u.isDeputy) throw new DomainError('error_deputy_user_not_deputy', 400, { username });
	const [other] = await tx<{ id: number; municipalityId: number; active: boolean }[]>`
		select id, municipality_id, active from deputy where user_id = ${u.id} and id <> ${deputyId ?? 0} for update`;
	if (other?.active) throw new DomainError('error_deputy_user_taken', 400, { username });
	if (other) {
		await tx`update deputy set user_id = null where id = ${other.id}`;
		await audit.record(tx, {
			userId: actorId,
			municipalityId: other.municipalityId,
			entity: 'deputy',
			entityId: other.id,
			action: 'update',
			before: { userId: u.id, username },
			after: { userId: null, username: null }
		});
	}
	return u.id;
}

/** Takes the secretary flag from whoever else holds it in this municipality (audited). */
async function clearSecretary(
	tx: Sql,
	actorId: number | null,
	municipalityId: number,
	exceptId: number | null
): Promise<void> {
	const cleared = await tx<{ id: number }[]>`
		update deputy set is_secretary = false
		where municipality_id = ${municipalityId} and is_secretary and active and id <> ${exceptId ?? 0}
		returning id`;
	for (const c of cleared) {
		await audit.record(tx, {
			userId: actorId,
			municipalityId,
			entity: 'deputy',
			entityId: c.id,
			action: 'update',
			before: { isSecretary: true },
			after: { isSecretary: false }
		});
	}
}

/** A login linked twice at the same moment from two municipalities hits the unique index: say so plainly. */
async function refusingDoubleLink<T>(username: string | null, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		const pg = e as { code?: string; constraint_name?: string };
		if (pg.code === '23505' && pg.constraint_name === 'deputy_user_id_key')
			throw new DomainError('error_deputy_user_taken', 400, { username: username ?? '' });
		throw e;
	}
}

/** A municipality's kenesh roster for those who may read it: active deputies, the secretary first; removed ones too on request. */
export async function listDeputies(
	sql: Sql,
	actor: Actor | null,
	scope: RosterScope,
	options: { includeRemoved?: boolean } = {}
): Promise<Deputy[]> {
	if (!can(actor, 'read', scope)) throw new Forbidden();
	return sql<Deputy[]>`
		select d.id, d.full_name, d.sex, to_char(d.term_start, 'YYYY-MM-DD') as term_start, to_char(d.term_end, 'YYYY-MM-DD') as term_end,
			d.is_secretary, d.user_id, u.username, d.active
		from deputy d left join app_user u on u.id = d.user_id
		where d.municipality_id = ${scope.municipalityId} ${options.includeRemoved ? sql`` : sql`and d.active`}
		order by d.active desc, d.is_secretary and d.active desc, d.full_name, d.id`;
}

/**
 * Adds a deputy to the roster (staff only). Marking them secretary takes the flag from the current
 * one in the same transaction. `system` is for seeding, with no acting user.
 */
export async function addDeputy(
	sql: Sql,
	actor: Actor | null,
	scope: RosterScope,
	input: DeputyInput,
	options: { system?: boolean } = {}
): Promise<number> {
	if (!options.system && !can(actor, 'manage', scope)) throw new Forbidden();
	const clean = check(input);
	const actorId = actor?.id ?? null;
	return refusingDoubleLink(clean.username, () =>
		transaction(sql, async (tx) => {
			await lockRoster(tx, scope.municipalityId);
			const userId = clean.username
				? await linkUser(tx, actorId, scope.municipalityId, clean.username, null)
				: null;
			if (clean.isSecretary) await clearSecretary(tx, actorId, scope.municipalityId, null);
			const { id } = (
				await tx<{ id: number }[]>`
				insert into deputy (municipality_id, full_name, sex, term_start, term_end, is_secretary, user_id)
				values (${scope.municipalityId}, ${clean.fullName}, ${clean.sex}, ${clean.termStart}, ${clean.termEnd}, ${clean.isSecretary}, ${userId})
				returning id`
			)[0]!;
			await audit.record(tx, {
				userId: actorId,
				municipalityId: scope.municipalityId,
				entity: 'deputy',
				entityId: id,
				action: 'create',
				after: snapshot({ ...clean, userId })
			});
			await recordSeats(tx, scope.municipalityId);
			return id;
		})
	);
}

async function activeEntry(tx: Sql, scope: RosterScope, deputyId: number): Promise<Deputy> {
	const [d] = await tx<Deputy[]>`
		select d.id, d.full_name, d.sex, to_char(d.term_start, 'YYYY-MM-DD') as term_start, to_char(d.term_end, 'YYYY-MM-DD') as term_end,
			d.is_secretary, d.user_id, u.username, d.active
		from deputy d left join app_user u on u.id = d.user_id
		where d.id = ${deputyId} and d.municipality_id = ${scope.municipalityId} and d.active
		for update of d`;
	if (!d) throw new DomainError('error_not_found', 404);
	return d;
}

/** Changes a deputy's name, sex, term, secretary flag and linked login (staff only). */
export async function updateDeputy(
	sql: Sql,
	actor: Actor | null,
	scope: RosterScope,
	deputyId: number,
	input: DeputyInput
): Promise<void> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	const clean = check(input);
	await refusingDoubleLink(clean.username, () =>
		transaction(sql, async (tx) => {
			await lockRoster(tx, scope.municipalityId);
			const before = await activeEntry(tx, scope, deputyId);
			const userId =
				clean.username === null
					? null
					: clean.username === before.username
						? before.userId
						: await linkUser(tx, actor.id, scope.municipalityId, clean.username, deputyId);
			const after = snapshot({ ...clean, userId });
			if (JSON.stringify(after) === JSON.stringify(snapshot(before))) return;
			if (clean.isSecretary) await clearSecretary(tx, actor.id, scope.municipalityId, deputyId);
			await tx`
				update deputy set full_name = ${clean.fullName}, sex = ${clean.sex}, term_start = ${clean.termStart}, term_end = ${clean.termEnd},
					is_secretary = ${clean.isSecretary}, user_id = ${userId}
				where id = ${deputyId}`;
			await audit.record(tx, {
				userId: actor.id,
				municipalityId: scope.municipalityId,
				entity: 'deputy',
				entityId: deputyId,
				action: 'update',
				before: snapshot(before),
				after
			});
			await recordSeats(tx, scope.municipalityId);
		})
	);
}

/** Takes a deputy off the roster (staff only): the entry stays, inactive, for the history and past sessions. */
export async function removeDeputy(
	sql: Sql,
	actor: Actor | null,
	scope: RosterScope,
	deputyId: number
): Promise<void> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	await transaction(sql, async (tx) => {
		await lockRoster(tx, scope.municipalityId);
		const before = await activeEntry(tx, scope, deputyId);
		await tx`update deputy set active = false where id = ${deputyId}`;
		await audit.record(tx, {
			userId: actor.id,
			municipalityId: scope.municipalityId,
			entity: 'deputy',
			entityId: deputyId,
			action: 'remove',
			before: snapshot(before),
			after: { active: false }
		});
		await recordSeats(tx, scope.municipalityId);
	});
}

/** Women's share in percent with one decimal, rounded half up in integer arithmetic: 3 of 7 → "42.9". */
export function womenShareOf(women: number, seats: number): string {
	if (seats <= 0) return '0.0';
	const tenths = Math.floor((2000 * women + seats) / (2 * seats));
	return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** SDG 5.5.1b for one municipality: seats of the active roster and the women's share of them. No personal data, so no actor. */
export async function seatShare(
	sql: Sql,
	scope: Pick<RosterScope, 'municipalityId'>
): Promise<SeatShare> {
	// aggregates without group by: always one row
	const r = (
		await sql<{ seats: number; women: number }[]>`
		select count(*)::int as seats, (count(*) filter (where sex = 'female'))::int as women
		from deputy where municipality_id = ${scope.municipalityId} and active`
	)[0]!;
	return {
		seats: r.seats,
		women: r.women,
		men: r.seats - r.women,
		womenShare: womenShareOf(r.women, r.seats)
	};
}

/** The active roster entry linked to a login, e.g. to know whether they are the kenesh secretary. */
export async function deputyOfUser(
	sql: Sql,
	userId: number
): Promise<{ deputyId: number; municipalityId: number; isSecretary: boolean } | null> {
	const [d] = await sql<{ deputyId: number; municipalityId: number; isSecretary: boolean }[]>`
		select id as deputy_id, municipality_id, is_secretary from deputy where user_id = ${userId} and active`;
	return d ?? null;
}

/** The active deputies of a municipality (for quorum and attendance); callers check permission. */
export async function activeDeputies(
	sql: Sql,
	municipalityId: number
): Promise<
	{ id: number; fullName: string; sex: Sex; isSecretary: boolean; userId: number | null }[]
> {
	return sql`
		select id, full_name, sex, is_secretary, user_id from deputy
		where municipality_id = ${municipalityId} and active
		order by is_secretary desc, full_name, id`;
}

/** Logins holding the deputy role for the municipality and not yet on its active roster: the choices staff link from. */
export async function linkableLogins(
	sql: Sql,
	actor: Actor | null,
	scope: RosterScope
): Promise<{ username: string; fullName: string }[]> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	return sql`
		select u.username, u.full_name from app_user u
		join membership m on m.user_id = u.id and m.role = 'deputy' and m.territory_id = ${scope.municipalityId}
		where not exists (select 1 from deputy d where d.user_id = u.id and d.active)
		order by u.full_name, u.username`;
}
