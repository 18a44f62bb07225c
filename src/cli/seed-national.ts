/**
 * `npm run seed:national [-- --municipalities N --activities N]`: adds synthetic municipalities with
 * approved plans (default 500 × 60 activities, a budget line per year, a third adapted from national
 * measures, four in five with a submitted report) to the database, for the
 * national dashboards and the bench. Bulk SQL; running it again adds nothing.
 */
import { connect, databaseUrl } from '../lib/server/db';
import { migrate } from '../lib/server/db/migrate';
import { seedTerritories } from '../lib/server/territories';
import { seedNational } from '../lib/server/demo/national';

function arg(name: string): number | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : undefined;
}

async function main() {
	const url = databaseUrl();
	await migrate(url, { quiet: true });
	const sql = connect(url, { max: 1 });
	try {
		await seedTerritories(sql);
		const t = performance.now();
		const r = await seedNational(sql, {
			municipalities: arg('municipalities'),
			activitiesPerPlan: arg('activities')
		});
		console.log(
			`${r.municipalities} municipalities, ${r.plans} approved plans, ${r.activities} activities, ${r.reports} submitted reports in ${(performance.now() - t).toFixed(0)} ms`
		);
	} finally {
		await sql.end();
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
