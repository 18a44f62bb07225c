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
	/** The oblast or city of republican significance the territory lies in. */
	regionId: number | null;
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
		{ id: number; username: string; fullName: string; locale: Actor['locale']; mustChangePassword: boolean }[]
	>`select id, username, full_name, locale, must_change_password from app_user where id = ${userId} and is_active`;
	if (!user) return null;
	const memberships = await sql<Membership[]>`
		select m.id, m.role, m.territory_id, t.kind as territory_kind,
			t.name_ky as territory_name_ky, t.name_ru as territory_name_ru, t.name_en as territory_name_en,
			t.region_id, m.is_secretary
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
