/** `npm run db:migrate | db:reset | db:seed` against DATABASE_URL (with-db provides the embedded one). */
import { startBoss } from '../lib/server/jobs';
import { connect, databaseUrl } from '../lib/server/db';
import { migrate } from '../lib/server/db/migrate';
import { seedDemo } from '../lib/server/demo';
import { describeLoad } from '../lib/server/catalogue';
import { BOSS_SCHEMA } from '../lib/server/jobs';

async function reset(url: string) {
	const sql = connect(url, { max: 1 });
	try {
		// drops everything this app owns: our tables in public, and pg-boss's schema
		await sql.unsafe(
			`drop schema if exists public cascade; create schema public; drop schema if exists ${BOSS_SCHEMA} cascade;`
		);
	} finally {
		await sql.end();
	}
}

async function main() {
	const command = process.argv[2];
	const url = databaseUrl();
	if (command === 'migrate') {
		const applied = await migrate(url);
		console.log(
			applied.length ? `Applied ${applied.length} migrations.` : 'The schema is up to date.'
		);
	} else if (command === 'reset') {
		await reset(url);
		const applied = await migrate(url, { quiet: true });
		console.log(
			`Database reset: ${applied.length} migrations applied. Run npm run db:seed for the demo data.`
		);
	} else if (command === 'seed') {
		await migrate(url, { quiet: true });
		const sql = connect(url, { max: 2 });
		try {
			const boss = await startBoss({ databaseUrl: url, sql, work: false });
			const result = await seedDemo(sql, { boss }).finally(() => boss.stop({ graceful: false }));
			console.log(
				`Seeded ${result.territories} territories; ${result.usersCreated} demo accounts created.`
			);
			console.log('National plans catalogue:\n' + describeLoad(result.catalogue));
		} finally {
			await sql.end();
		}
	} else {
		console.error('usage: db.ts migrate|reset|seed');
		process.exit(2);
	}
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
