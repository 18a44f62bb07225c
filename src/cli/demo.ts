/**
 * `npm run demo`: builds the app, starts the embedded PostgreSQL (unless DATABASE_URL is set),
 * migrates, seeds the demo (again: nothing is duplicated) and serves on PORT (default 3000).
 */
import { existsSync } from 'node:fs';
import { startBoss } from '../lib/server/jobs';
import { connect } from '../lib/server/db';
import { migrate } from '../lib/server/db/migrate';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../lib/server/demo';
import { describeLoad } from '../lib/server/catalogue';
import { DEMO_SENDER, ensureDemoFeed } from '../lib/server/feed/demo';
import { nodeLine, requireSupportedNode } from '../lib/server/runtime';
import { BODY_SIZE_LIMIT } from '../lib/server/limits';
import { provideDatabase, run } from './with-db';

async function main() {
	requireSupportedNode();
	console.log(nodeLine());
	if (process.env.DEMO_SKIP_BUILD !== '1' || !existsSync('build/index.js')) {
		console.log('Building the app…');
		const code = await run('npx', ['vite', 'build', '--logLevel', 'warn'], process.env);
		if (code !== 0) process.exit(code);
	}
	const { url, cluster } = await provideDatabase(false);
	let code: number;
	try {
		await migrate(url, { quiet: true });
		const sql = connect(url, { max: 2 });
		const boss = await startBoss({ databaseUrl: url, sql, work: false });
		const port = process.env.PORT ?? '3000';
		const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
		// before the seed, so the demo plan's approval is fed to this same instance
		const feedSecret = await ensureDemoFeed(sql, origin);
		const seeded = await seedDemo(sql, { boss }).finally(async () => {
			await boss.stop({ graceful: false });
			await sql.end();
		});
		// adapter-node assumes https without ORIGIN, and SvelteKit's CSRF check would then refuse every form
		console.log('National plans catalogue:\n' + describeLoad(seeded.catalogue));
		console.log(
			`\nAiyl Plan demo: ${origin}  (${seeded.usersCreated ? 'demo data created' : 'existing demo data kept'})`
		);
		console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
		for (const l of DEMO_LOGINS) console.log(`  ${l.username.padEnd(16)} ${l.role}`);
		console.log(`Feed sender key (POST ${origin}/api/v1/feed): ${DEMO_SENDER} ${feedSecret}`);
		console.log('Press Ctrl-C to stop.\n');
		// adapter-node's 512K default would refuse the 10 MB imports the app offers
		const bodySizeLimit = process.env.BODY_SIZE_LIMIT ?? BODY_SIZE_LIMIT;
		code = await run(process.execPath, ['build/index.js'], {
			...process.env,
			DATABASE_URL: url,
			PORT: port,
			ORIGIN: origin,
			BODY_SIZE_LIMIT: bodySizeLimit
		});
	} finally {
		await cluster?.stop();
	}
	process.exit(code);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
