import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { hasRole } from '../auth/actor';
import { Forbidden } from '../errors';
import { level, type MigrationLevel } from '../db/migrate';
import { queueStats, failedJobs, type QueueStat, type FailedJob } from '../jobs';

export type SystemAction = 'read';

/** The system page is for admins only. */
export function can(actor: Actor | null, action: SystemAction): boolean {
	switch (action) {
		case 'read':
			return hasRole(actor, 'admin');
	}
}

export interface SystemStatus {
	databaseVersion: string;
	migration: MigrationLevel;
	queues: QueueStat[];
	failed: FailedJob[];
	counts: { users: number; sessions: number; territories: number };
}

export async function status(sql: Sql, actor: Actor | null): Promise<SystemStatus> {
	if (!can(actor, 'read')) throw new Forbidden();
	const { version } = (await sql<{ version: string }[]>`select version()`)[0]!;
	const counts = (
		await sql<SystemStatus['counts'][]>`
		select (select count(*)::int from app_user) as users,
			(select count(*)::int from session where expires_at > now()) as sessions,
			(select count(*)::int from territory) as territories`
	)[0]!;
	return {
		databaseVersion: version,
		migration: await level(sql),
		queues: await queueStats(sql),
		failed: await failedJobs(sql),
		counts
	};
}
