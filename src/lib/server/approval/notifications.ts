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
	const { n } = (
		await sql<
			{ n: number }[]
		>`select count(*)::int as n from notification where user_id = ${actor.id} and read_at is null`
	)[0]!;
	return n;
}

export interface Notification {
	id: number;
	kind: string;
	planId: number | null;
	planTitle: string | null;
	planTitleRu: string | null;
	/** The activity the comment or amendment is about, when it is about one (or one of its budget lines). */
	activityId: number | null;
	/** The element of the plan or activity page the notification is about: `comment-7`, `amendment-3`. */
	anchor: string | null;
	payload: Record<string, unknown>;
	createdAt: Date;
	readAt: Date | null;
}

/** The actor's own notifications, newest first, each with the line it is about; nobody reads another's. */
export async function list(sql: Sql, actor: Actor | null, limit = 100): Promise<Notification[]> {
	if (!actor) return [];
	const rows = await sql<
		(Omit<Notification, 'anchor'> & { commentId: number | null; amendmentId: number | null })[]
	>`
		select n.id, n.kind, n.local_plan_id as plan_id, p.title as plan_title, p.title_ru as plan_title_ru, n.payload, n.created_at, n.read_at,
			c.id as comment_id, am.id as amendment_id,
			case t.target_kind when 'activity' then t.target_id when 'budget_line' then bl.activity_id end as activity_id
		from notification n
		left join local_plan p on p.id = n.local_plan_id
		left join amendment am on am.id = (n.payload->>'amendmentId')::bigint and am.local_plan_id = n.local_plan_id
		left join comment c on c.id = (n.payload->>'commentId')::bigint and c.local_plan_id = n.local_plan_id
		cross join lateral (
			select coalesce(am.target_kind, c.target_kind) as target_kind, coalesce(am.target_id, c.target_id) as target_id
		) t
		left join budget_line bl on t.target_kind = 'budget_line' and bl.id = t.target_id
		where n.user_id = ${actor.id}
		order by n.created_at desc, n.id desc
		limit ${limit}`;
	return rows.map(({ commentId, amendmentId, ...n }) => ({
		...n,
		anchor: amendmentId ? `amendment-${amendmentId}` : commentId ? `comment-${commentId}` : null
	}));
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
