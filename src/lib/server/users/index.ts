import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor, Role } from '../auth/actor';
import { ROLES } from '../auth/actor';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import * as throttle from '../auth/throttle';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { can } from './permissions';

export { can } from './permissions';

export interface UserRow {
	id: number;
	username: string;
	fullName: string;
	locale: 'ky' | 'ru' | 'en';
	isActive: boolean;
	mustChangePassword: boolean;
	createdAt: Date;
	roles: {
		id: number;
		role: Role;
		territoryId: number | null;
		territoryNameKy: string | null;
		territoryNameRu: string | null;
		territoryNameEn: string | null;
		/** on the municipality's roster as its secretary (`deputy.is_secretary`); set there, not here */
		isSecretary: boolean;
	}[];
}

export interface RoleInput {
	role: Role;
	territoryId: number | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** Normalises a typed username: trimmed and lower-case. */
export function normaliseUsername(input: string): string {
	return input.trim().toLowerCase();
}

/** The territory kinds each role can be bound to. */
const ROLE_TERRITORY_KINDS: Record<Role, string[] | null> = {
	staff: ['municipality', 'town'],
	deputy: ['municipality', 'town'],
	oblast: ['oblast', 'city'],
	national: null,
	admin: null
};

async function checkRole(sql: Sql, input: RoleInput): Promise<void> {
	if (!ROLES.includes(input.role)) throw new DomainError('error_role_unknown');
	const kinds = ROLE_TERRITORY_KINDS[input.role];
	if (kinds === null) {
		if (input.territoryId !== null) throw new DomainError('error_role_no_territory');
		return;
	}
	if (input.territoryId === null) throw new DomainError('error_role_needs_territory');
	const [t] = await sql<
		{ kind: string }[]
	>`select kind from territory where id = ${input.territoryId}`;
	if (!t || !kinds.includes(t.kind)) throw new DomainError('error_role_wrong_territory');
}

export async function list(sql: Sql, actor: Actor | null): Promise<UserRow[]> {
	if (!can(actor, 'list')) throw new Forbidden();
	return sql<UserRow[]>`
		select u.id, u.username, u.full_name, u.locale, u.is_active, u.must_change_password, u.created_at,
			coalesce(json_agg(json_build_object(
				'id', m.id, 'role', m.role, 'territoryId', m.territory_id,
				'territoryNameKy', t.name_ky, 'territoryNameRu', t.name_ru, 'territoryNameEn', t.name_en,
				-- the roster is the one source of the secretary flag, as for the actor (auth/actor.ts)
				'isSecretary', m.role = 'deputy' and exists (
					select 1 from deputy d
					where d.user_id = m.user_id and d.municipality_id = m.territory_id and d.is_secretary and d.active))
				order by m.id) filter (where m.id is not null), '[]') as roles
		from app_user u
		left join membership m on m.user_id = u.id
		left join territory t on t.id = m.territory_id
		group by u.id order by u.username`;
}

/** One account for its admin page, with the lock that failed sign-ins put on it, if any. */
export async function get(
	sql: Sql,
	actor: Actor | null,
	id: number
): Promise<UserRow & { lockedUntil: Date | null }> {
	if (!can(actor, 'list')) throw new Forbidden();
	const rows = (await list(sql, actor)).filter((u) => u.id === id);
	if (!rows[0]) throw new DomainError('error_not_found', 404);
	return { ...rows[0], lockedUntil: await throttle.accountLockedUntil(sql, rows[0].username) };
}

export interface CreateUserInput {
	username: string;
	fullName: string;
	password: string;
	locale?: 'ky' | 'ru' | 'en';
	role: RoleInput;
	mustChangePassword?: boolean;
}

/** Creates an account with one role; the password is hashed with Argon2id. `actor` null is the seeding system. */
export async function create(
	sql: Sql,
	actor: Actor | null,
	input: CreateUserInput,
	options: { system?: boolean } = {}
): Promise<number> {
	if (!options.system && !can(actor, 'create')) throw new Forbidden();
	const username = normaliseUsername(input.username);
	if (!USERNAME.test(username)) throw new DomainError('error_username_format', 400, {}, 'username');
	const fullName = input.fullName.trim();
	if (!fullName) throw new DomainError('error_full_name_required', 400, {}, 'fullName');
	const problem = passwordProblem(input.password);
	if (problem) throw new DomainError('error_' + problem, 400, {}, 'password');
	const passwordHash = await hashPassword(input.password);
	return transaction(sql, async (tx) => {
		await checkRole(tx, input.role);
		const [exists] = await tx`select 1 from app_user where username = ${username}`;
		if (exists) throw new DomainError('error_username_taken', 409);
		const { id } = (
			await tx<{ id: number }[]>`
			insert into app_user (username, full_name, password_hash, locale, must_change_password)
			values (${username}, ${fullName}, ${passwordHash}, ${input.locale ?? 'ky'}, ${input.mustChangePassword ?? !options.system})
			returning id`
		)[0]!;
		await tx`
			insert into membership (user_id, role, territory_id)
			values (${id}, ${input.role.role}, ${input.role.territoryId})`;
		await audit.record(tx, {
			userId: actor?.id ?? null,
			entity: 'user',
			entityId: id,
			action: 'create',
			after: { username, fullName, role: input.role }
		});
		return id;
	});
}

/** Replaces a user's roles; an admin cannot take the admin role from themselves, so the system never loses its last operator by accident. */
export async function setRoles(
	sql: Sql,
	actor: Actor | null,
	userId: number,
	roles: RoleInput[]
): Promise<void> {
	if (!can(actor, 'set_roles')) throw new Forbidden();
	if (roles.length === 0) throw new DomainError('error_roles_empty');
	if (actor.id === userId && !roles.some((r) => r.role === 'admin'))
		throw new DomainError('error_cannot_drop_own_admin');
	await transaction(sql, async (tx) => {
		const [user] = await tx`select id from app_user where id = ${userId} for update`;
		if (!user) throw new DomainError('error_not_found', 404);
		for (const r of roles) await checkRole(tx, r);
		const before =
			await tx`select role, territory_id from membership where user_id = ${userId} order by id`;
		await tx`delete from membership where user_id = ${userId}`;
		for (const r of roles) {
			await tx`
				insert into membership (user_id, role, territory_id)
				values (${userId}, ${r.role}, ${r.territoryId})
				on conflict do nothing`;
		}
		await audit.record(tx, {
			userId: actor.id,
			entity: 'user',
			entityId: userId,
			action: 'set_roles',
			before,
			after: roles
		});
	});
}

/** Sets a new password chosen by the admin; the user must change it at next login and every session ends. */
export async function resetPassword(
	sql: Sql,
	actor: Actor | null,
	userId: number,
	password: string
): Promise<void> {
	if (!can(actor, 'reset_password')) throw new Forbidden();
	const problem = passwordProblem(password);
	if (problem) throw new DomainError('error_' + problem, 400, {}, 'password');
	const passwordHash = await hashPassword(password);
	await transaction(sql, async (tx) => {
		const rows = await tx`
			update app_user set password_hash = ${passwordHash}, must_change_password = true, updated_at = now()
			where id = ${userId} returning id`;
		if (rows.length === 0) throw new DomainError('error_not_found', 404);
		await invalidateUserSessions(tx, userId);
		await audit.record(tx, {
			userId: actor.id,
			entity: 'user',
			entityId: userId,
			action: 'reset_password'
		});
	});
}

export async function setActive(
	sql: Sql,
	actor: Actor | null,
	userId: number,
	active: boolean
): Promise<void> {
	if (!can(actor, 'deactivate')) throw new Forbidden();
	if (actor.id === userId) throw new DomainError('error_cannot_deactivate_self');
	await transaction(sql, async (tx) => {
		const rows =
			await tx`update app_user set is_active = ${active}, updated_at = now() where id = ${userId} returning id`;
		if (rows.length === 0) throw new DomainError('error_not_found', 404);
		if (!active) await invalidateUserSessions(tx, userId);
		await audit.record(tx, {
			userId: actor.id,
			entity: 'user',
			entityId: userId,
			action: active ? 'activate' : 'deactivate'
		});
	});
}

/**
 * Changes the actor's own password. The current one is checked under the login throttle (same
 * counters, same atomic check-verify-record), so a stolen session cannot guess it; other sessions end.
 */
export async function changeOwnPassword(
	sql: Sql,
	actor: Actor | null,
	input: { current: string; next: string; confirm: string; address: string; keepSessionId?: string }
): Promise<void> {
	if (!actor || !can(actor, 'change_own_password')) throw new Forbidden();
	if (input.next !== input.confirm)
		throw new DomainError('error_password_mismatch', 400, {}, 'confirm');
	if (input.next === input.current) throw new DomainError('error_password_same', 400, {}, 'next');
	const problem = passwordProblem(input.next);
	if (problem) throw new DomainError('error_' + problem, 400, {}, 'next');
	const result = await throttle.guarded(
		sql,
		{ username: actor.username, address: input.address },
		async (tx) => {
			const [row] = await tx<{ passwordHash: string }[]>`
			select password_hash
			from app_user
			where id = ${actor.id}
			for update`;
			if (!row || !(await verifyPassword(row.passwordHash, input.current))) return null;
			// hashed only once the current password is proven, so refused attempts cost no hashing
			const passwordHash = await hashPassword(input.next);
			await tx`
			update app_user
			set password_hash = ${passwordHash}, must_change_password = false, updated_at = now()
			where id = ${actor.id}`;
			await invalidateUserSessions(tx, actor.id, input.keepSessionId);
			await audit.record(tx, {
				userId: actor.id,
				entity: 'user',
				entityId: actor.id,
				action: 'change_password'
			});
			return true;
		}
	);
	if (result.ok) return;
	if (result.blocked) throw throttle.refusal(result.blocked);
	throw new DomainError('error_current_password_wrong', 400, {}, 'current');
}

/** Lifts the lock that failed sign-ins put on an account, so its owner can sign in again at once. */
export async function unlock(sql: Sql, actor: Actor | null, userId: number): Promise<void> {
	if (!can(actor, 'unlock')) throw new Forbidden();
	await transaction(sql, async (tx) => {
		const [user] = await tx<
			{ username: string }[]
		>`select username from app_user where id = ${userId}`;
		if (!user) throw new DomainError('error_not_found', 404);
		const cleared = await throttle.clearAccount(tx, user.username);
		await audit.record(tx, {
			userId: actor.id,
			entity: 'user',
			entityId: userId,
			action: 'unlock',
			after: { cleared }
		});
	});
}

export { login, signIn } from './login';
