import type { Sql } from '../db';
import type { Actor } from '../auth/actor';

/** The users holding a role in a municipality (deputies also through the roster). */
export async function usersOf(
	sql: Sql,
	municipalityId: number,
	role: 'staff' | 'deputy'
): Promise<number[]> {
	const rows = await sql<{ userId: number }[]>`
		select distinct m.user_id from membership m join app_user u on u.id = m.user_id
		where m.role = ${role} and m.territory_id = ${municipalityId} and u.is_active`;
	return rows.map((r) => r.userId);
}

export async function notify(
	sql: Sql,
	userIds: number[],
	n: { municipalityId: number; planId: number; kind: string; payload?: Record<string, unknown> }
): Promise<void> {
	for (const userId of new Set(userIds)) {
		await sql`insert into notification (user_id, municipality_id, local_plan_id, kind, payload) values (${userId}, ${n.municipalityId}, ${n.planId}, ${n.kind}, ${sql.json((n.payload ?? {}) as never)})`;
	}
}

export async function unreadCount(sql: Sql, actor: Actor | null): Promise<number> {
	if (!actor) return 0;
	const [{ n }] = await sql<
		{ n: number }[]
	>`select count(*)::int as n from notification where user_id = ${actor.id} and read_at is null`;
	return n;
}

export interface Notification {
	id: number;
	kind: string;
	planId: number | null;
	planTitle: string | null;
	payload: Record<string, unknown>;
	createdAt: Date;
	readAt: Date | null;
}

/** The actor's own notifications, newest first; nobody reads another's. */
export async function list(sql: Sql, actor: Actor | null, limit = 100): Promise<Notification[]> {
	if (!actor) return [];
	return sql<Notification[]>`
		select n.id, n.kind, n.local_plan_id as plan_id, p.title as plan_title, n.payload, n.created_at, n.read_at
		from notification n left join local_plan p on p.id = n.local_plan_id
		where n.user_id = ${actor.id} order by n.created_at desc, n.id desc limit ${limit}`;
}

export async function markRead(
	sql: Sql,
	actor: Actor | null,
	ids: number[] | 'all'
): Promise<void> {
	if (!actor) return;
	if (ids === 'all')
		await sql`update notification set read_at = now() where user_id = ${actor.id} and read_at is null`;
	else if (ids.length)
		await sql`update notification set read_at = now() where user_id = ${actor.id} and id in ${sql(ids)} and read_at is null`;
}
