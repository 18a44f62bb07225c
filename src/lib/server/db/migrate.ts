import path from 'node:path';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import type { Sql } from './index';

export const MIGRATIONS_TABLE = 'schema_migrations';

export function migrationsDir(): string {
	return process.env.MIGRATIONS_DIR ?? path.resolve(process.cwd(), 'migrations');
}

/**
 * Applies every pending migration in `migrations/`; node-pg-migrate holds an advisory lock so several
 * app servers can start at once. The connection is ours, closed before this returns: node-pg-migrate
 * would leave its own closing unawaited, and a database dropped or restarted in that moment would
 * end it with an error no one listens for (which ends the process).
 */
export async function migrate(
	databaseUrl: string,
	options: { quiet?: boolean } = {}
): Promise<string[]> {
	const client = new pg.Client({ connectionString: databaseUrl });
	client.on('error', () => {});
	await client.connect();
	try {
		return await run(client, options);
	} finally {
		await client.end();
	}
}

async function run(client: pg.Client, options: { quiet?: boolean }): Promise<string[]> {
	const applied = await runner({
		dbClient: client,
		dir: migrationsDir(),
		direction: 'up',
		migrationsTable: MIGRATIONS_TABLE,
		checkOrder: true,
		logger: {
			debug: () => {},
			info: options.quiet ? () => {} : (msg: string) => console.log(msg),
			warn: (msg: string) => console.warn(msg),
			// node-pg-migrate expects 13- or 17-digit timestamps; our plain numbers sort the same, so its complaint is noise
			error: (msg: string) => {
				if (!msg.startsWith("Can't determine timestamp")) console.error(msg);
			}
		}
	});
	return applied.map((m) => m.name);
}

export interface MigrationLevel {
	name: string | null;
	count: number;
	runOn: Date | null;
}

/** The last applied migration, for the system page. */
export async function level(sql: Sql): Promise<MigrationLevel> {
	const [row] = await sql<{ name: string; runOn: Date; count: number }[]>`
		select name, run_on, (select count(*)::int from schema_migrations) as count
		from schema_migrations order by id desc limit 1`;
	return { name: row?.name ?? null, count: row?.count ?? 0, runOn: row?.runOn ?? null };
}
