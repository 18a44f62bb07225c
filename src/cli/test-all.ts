/**
 * `npm test`: every tier in order — unit, database, build, end-to-end — on one throw-away
 * embedded PostgreSQL (or the server in DATABASE_URL). Stops at the first failing tier.
 */
import { provideDatabase, run } from './with-db';

const TIERS: { name: string; cmd: string; args: string[] }[] = [
	{ name: 'unit', cmd: 'npx', args: ['vitest', 'run', '--project', 'unit'] },
	{ name: 'database', cmd: 'npx', args: ['vitest', 'run', '--project', 'db'] },
	{ name: 'build', cmd: 'npx', args: ['vite', 'build', '--logLevel', 'warn'] },
	{ name: 'end-to-end', cmd: 'npx', args: ['playwright', 'test'] }
];

async function main() {
	const only = process.argv.slice(2);
	const { url, cluster } = await provideDatabase(true);
	const results: { name: string; code: number; seconds: number }[] = [];
	try {
		for (const tier of TIERS.filter((t) => only.length === 0 || only.includes(t.name))) {
			console.log(`\n━━ ${tier.name} ━━`);
			const started = Date.now();
			const code = await run(tier.cmd, tier.args, { ...process.env, DATABASE_URL: url });
			results.push({ name: tier.name, code, seconds: Math.round((Date.now() - started) / 1000) });
			if (code !== 0) break;
		}
	} finally {
		await cluster?.stop();
	}
	console.log('\n━━ summary ━━');
	for (const r of results) console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)`);
	const failed = results.some((r) => r.code !== 0);
	process.exit(failed ? 1 : 0);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
