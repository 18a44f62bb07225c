import type { Sql } from '../db';

export const ROLES = ['staff', 'deputy', 'oblast', 'national', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A role held for a territory: staff and deputies for a municipality, oblast representatives for an oblast, national and admin for the country. */
export interface Membership {
	id: number;
	role: Role;
	territoryId: number | null;
	territoryKind: string | null;
	territoryNameKy: string | null;
	territoryNameRu: string | null;
	territoryNameEn: string | null;
	/** the territory's statistical code where it has one: an oblast's KG code (KG05 for Batken) */
	territoryStatCode: string | null;
	/** The oblast or city of republican significance the territory lies in. */
	regionId: number | null;
	/** on the municipality's roster as its secretary (`deputy.is_secretary`) */
	isSecretary: boolean;
}

/** The signed-in user as every permission check sees it. */
export interface Actor {
	id: number;
	username: string;
	fullName: string;
	locale: 'ky' | 'ru' | 'en';
	mustChangePassword: boolean;
	memberships: Membership[];
}

export function hasRole(actor: Actor | null, role: Role): boolean {
	return !!actor?.memberships.some((m) => m.role === role);
}

export async function loadActor(sql: Sql, userId: number): Promise<Actor | null> {
	const [user] = await sql<
		{
			id: number;
			username: string;
			fullName: string;
			locale: Actor['locale'];
			mustChangePassword: boolean;
		}[]
	>`select id, username, full_name, locale, must_change_password from app_user where id = ${userId} and is_active`;
	if (!user) return null;
	const memberships = await sql<Membership[]>`
		select m.id, m.role, m.territory_id, t.kind as territory_kind,
			t.name_ky as territory_name_ky, t.name_ru as territory_name_ru, t.name_en as territory_name_en,
			t.stat_code as territory_stat_code, t.region_id,
			-- the roster is the one source of the secretary flag
			m.role = 'deputy' and exists (
				select 1 from deputy d
				where d.user_id = m.user_id and d.municipality_id = m.territory_id and d.is_secretary and d.active
			) as is_secretary
		from membership m left join territory t on t.id = m.territory_id
		where m.user_id = ${userId}
		order by array_position(array['admin','national','oblast','staff','deputy'], m.role), m.id`;
	return {
		...user,
		id: Number(user.id),
		memberships: memberships.map((m) => ({
			...m,
			id: Number(m.id),
			territoryId: m.territoryId === null ? null : Number(m.territoryId),
			regionId: m.regionId === null ? null : Number(m.regionId)
		}))
	};
}

/** What one signed-in request needs, read in one query: the session row, the actor and the unread notifications. */
export interface SessionActor {
	sessionId: string;
	userId: number;
	expiresAt: Date;
	isActive: boolean;
	actor: Actor;
	unread: number;
	/** the low-vision mode the user turned on (`app_user.low_vision`) */
	lowVision: boolean;
}

/**
 * The session with its user, memberships (each with its region) and unread count; null when the
 * session is unknown. One row per membership (one with nulls for a user without any): building them
 * as JSON in the query cost the database twice the time.
 */
export async function loadSessionActor(sql: Sql, sessionId: string): Promise<SessionActor | null> {
	const rows = await sql<
		({
			id: string;
			userId: number;
			expiresAt: Date;
			isActive: boolean;
			username: string;
			fullName: string;
			locale: Actor['locale'];
			mustChangePassword: boolean;
			lowVision: boolean;
			unread: number;
			membershipId: number | null;
		} & Omit<Membership, 'id'>)[]
	>`
		select s.id, s.user_id, s.expires_at, u.is_active, u.username, u.full_name, u.locale, u.must_change_password, u.low_vision,
			(select count(*)::int from notification n where n.user_id = u.id and n.read_at is null) as unread,
			m.id as membership_id, m.role, m.territory_id, t.kind as territory_kind,
			t.name_ky as territory_name_ky, t.name_ru as territory_name_ru, t.name_en as territory_name_en,
			t.stat_code as territory_stat_code, t.region_id,
			-- the roster is the one source of the secretary flag, as in loadActor
			m.role = 'deputy' and exists (
				select 1 from deputy d
				where d.user_id = m.user_id and d.municipality_id = m.territory_id and d.is_secretary and d.active
			) as is_secretary
		from session s
		join app_user u on u.id = s.user_id
		left join membership m on m.user_id = u.id
		left join territory t on t.id = m.territory_id
		where s.id = ${sessionId}
		order by array_position(array['admin','national','oblast','staff','deputy'], m.role), m.id`;
	const row = rows[0];
	if (!row) return null;
	return {
		sessionId: row.id,
		userId: Number(row.userId),
		expiresAt: row.expiresAt,
		isActive: row.isActive,
		unread: row.unread,
		lowVision: row.lowVision,
		actor: {
			id: Number(row.userId),
			username: row.username,
			fullName: row.fullName,
			locale: row.locale,
			mustChangePassword: row.mustChangePassword,
			memberships: rows.flatMap((r) =>
				r.membershipId === null
					? []
					: [
							{
								id: r.membershipId,
								role: r.role,
								territoryId: r.territoryId,
								territoryKind: r.territoryKind,
								territoryNameKy: r.territoryNameKy,
								territoryNameRu: r.territoryNameRu,
								territoryNameEn: r.territoryNameEn,
								territoryStatCode: r.territoryStatCode,
								regionId: r.regionId,
								isSecretary: r.isSecretary
							}
						]
			)
		}
	};
}
