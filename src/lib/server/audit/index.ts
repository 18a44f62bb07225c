import type { Sql } from '../db';

export interface AuditEntry {
	userId: number | null;
	municipalityId?: number | null;
	entity: string;
	entityId: string | number | null;
	action: string;
	before?: unknown;
	after?: unknown;
}

/** Writes one audit record; call it in the same transaction as the change. */
export async function record(sql: Sql, entry: AuditEntry): Promise<void> {
	await sql`
		insert into audit_log (user_id, municipality_id, entity, entity_id, action, before, after)
		values (${entry.userId}, ${entry.municipalityId ?? null}, ${entry.entity},
			${entry.entityId === null ? null : String(entry.entityId)}, ${entry.action},
			${entry.before === undefined ? null : sql.json(entry.before as never)},
			${entry.after === undefined ? null : sql.json(entry.after as never)})`;
}

export interface AuditRow {
	id: number;
	at: Date;
	userId: number | null;
	username: string | null;
	entity: string;
	entityId: string | null;
	action: string;
	before: unknown;
	after: unknown;
}

export async function forEntity(
	sql: Sql,
	entity: string,
	entityId: string | number
): Promise<AuditRow[]> {
	return sql<AuditRow[]>`
		select a.id, a.at, a.user_id, u.username, a.entity, a.entity_id, a.action, a.before, a.after
		from audit_log a left join app_user u on u.id = a.user_id
		where a.entity = ${entity} and a.entity_id = ${String(entityId)}
		order by a.at desc, a.id desc`;
}
