/**
 * `npm test`: every tier in order — unit, database, build, end-to-end — on one throw-away
 * embedded PostgreSQL (or the server in DATABASE_URL). Stops at the first failing tier.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { provideDatabase, run } from './with-db';
import { freePort } from './embedded';
import { browserOrExit } from './browser';
import { nodeLine, requireSupportedNode } from '../lib/server/runtime';

const OUT = path.resolve('test-results');
const json = (name: string) => path.join(OUT, `${name}.json`);
const vitestArgs = (project: string) => [
	'vitest',
	'run',
	'--project',
	project,
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${json(project)}`
];

const TIERS: {
	name: string;
	cmd: string;
	args: string[];
	counts?: () => { passed: number; failed: number; skipped: number };
}[] = [
	{ name: 'unit', cmd: 'npx', args: vitestArgs('unit'), counts: () => vitestCounts(json('unit')) },
	{ name: 'database', cmd: 'npx', args: vitestArgs('db'), counts: () => vitestCounts(json('db')) },
	{ name: 'build', cmd: 'npx', args: ['vite', 'build', '--logLevel', 'warn'] },
	{
		name: 'end-to-end',
		cmd: 'npx',
		args: ['playwright', 'test', '--reporter=list,json'],
		counts: () => playwrightCounts(json('e2e'))
	}
];

function vitestCounts(file: string) {
	if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
	const r = JSON.parse(readFileSync(file, 'utf8'));
	return {
		passed: r.numPassedTests ?? 0,
		failed: r.numFailedTests ?? 0,
		skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
	};
}

function playwrightCounts(file: string) {
	if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
	const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
	return {
		passed: (s.expected ?? 0) + (s.flaky ?? 0),
		failed: s.unexpected ?? 0,
		skipped: s.skipped ?? 0
	};
}

async function main() {
	const only = process.argv.slice(2);
	const tiers = TIERS.filter((t) => only.length === 0 || only.includes(t.name));
	requireSupportedNode();
	console.log(nodeLine());
	// find (or install) the browser first, so a machine without one hears it now, not after the other tiers
	const browser = tiers.some((t) => t.name === 'end-to-end') ? browserOrExit() : undefined;
	if (browser) console.log(`Browser for the end-to-end tier: ${browser}`);
	const { url, cluster } = await provideDatabase(true);
	mkdirSync(OUT, { recursive: true });
	// a free port for the end-to-end server, so two test runs on one machine do not meet
	const e2ePort = String(process.env.E2E_PORT ?? (await freePort()));
	const results: {
		name: string;
		code: number;
		seconds: number;
		counts?: { passed: number; failed: number; skipped: number };
	}[] = [];
	try {
		for (const tier of tiers) {
			console.log(`\n━━ ${tier.name} ━━`);
			const started = Date.now();
			const env = {
				...process.env,
				DATABASE_URL: url,
				PLAYWRIGHT_JSON_OUTPUT_NAME: json('e2e'),
				E2E_PORT: e2ePort,
				...(browser ? { CHROMIUM_PATH: browser } : {})
			};
			const code = await run(tier.cmd, tier.args, env);
			results.push({
				name: tier.name,
				code,
				seconds: Math.round((Date.now() - started) / 1000),
				counts: tier.counts?.()
			});
			if (code !== 0) break;
		}
	} finally {
		await cluster?.stop();
	}
	console.log('\n━━ summary ━━');
	const total = { passed: 0, failed: 0, skipped: 0 };
	for (const r of results) {
		const c = r.counts;
		console.log(
			`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)${c ? `: ${c.passed} passed, ${c.failed} failed` : ''}`
		);
		if (c) for (const k of ['passed', 'failed', 'skipped'] as const) total[k] += c[k];
	}
	const failed = results.some((r) => r.code !== 0);
	// a failing tier without counted failures (a crash, a build error) still counts as one failure
	if (failed && total.failed === 0) total.failed = 1;
	console.log(
		`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`
	);
	process.exit(failed ? 1 : 0);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
