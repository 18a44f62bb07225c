/** `npm run worker`: runs the job handlers in their own process; start the web server with WORKERS=off to leave all jobs here. */
import { connect, databaseUrl } from '../lib/server/db';
import { migrate } from '../lib/server/db/migrate';
import { startBoss, QUEUES } from '../lib/server/jobs';
import { nodeLine, requireSupportedNode } from '../lib/server/runtime';

async function main() {
	requireSupportedNode();
	const url = databaseUrl();
	await migrate(url, { quiet: true });
	const sql = connect(url, { max: 4 });
	const boss = await startBoss({ databaseUrl: url, sql, work: true });
	console.log(`Worker started for queues: ${Object.keys(QUEUES).join(', ')} on ${nodeLine()}`);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('Worker stopping…');
		await boss.stop({ graceful: true, timeout: 20_000 });
		await sql.end({ timeout: 5 });
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
