/**
 * Serves the built app for the end-to-end tests on a fresh database `aiyl_e2e` of the server in
 * DATABASE_URL, migrated and seeded with the demo. Tests read the same database through `e2eDatabaseUrl`.
 */
import postgres from 'postgres';
import { startBoss } from '../lib/server/jobs';
import { connect, databaseUrl } from '../lib/server/db';
import { migrate } from '../lib/server/db/migrate';
import { seedDemo } from '../lib/server/demo';
import { BODY_SIZE_LIMIT } from '../lib/server/limits';
import { withDatabase } from './embedded';
import { run } from './with-db';

export const E2E_DATABASE = 'aiyl_e2e';

async function main() {
	const serverUrl = databaseUrl();
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${E2E_DATABASE} with (force)`);
	await admin.unsafe(`create database ${E2E_DATABASE}`);
	await admin.end();
	const url = withDatabase(serverUrl, E2E_DATABASE);
	await migrate(url, { quiet: true });
	const sql = connect(url, { max: 2 });
	const boss = await startBoss({ databaseUrl: url, sql, work: false });
	await seedDemo(sql, { boss });
	await boss.stop({ graceful: false });
	await sql.end();
	const port = process.env.E2E_PORT ?? '4319';
	const code = await run(process.execPath, ['build/index.js'], {
		...process.env,
		DATABASE_URL: url,
		PORT: port,
		ORIGIN: `http://localhost:${port}`,
		MIGRATE_ON_START: 'off',
		BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? BODY_SIZE_LIMIT
	});
	process.exit(code);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
