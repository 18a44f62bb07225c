/**
 * `npm run bench`: timings that matter to users, on a fresh database of DATABASE_URL's server
 * (a throw-away embedded PostgreSQL by default). Reports medians and 95th percentiles, and peak memory.
 */
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { connect, databaseUrl } from '../lib/server/db';
import { migrate } from '../lib/server/db/migrate';
import { seedDemo } from '../lib/server/demo';
import * as catalogue from '../lib/server/catalogue';
import { loadActor } from '../lib/server/auth/actor';
import { withDatabase } from './embedded';

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 5);

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
	const t = performance.now();
	const v = await fn();
	sample();
	return [performance.now() - t, v];
}

function stats(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
	return `median ${q(0.5)!.toFixed(1)} ms, p95 ${q(0.95)!.toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms (n=${s.length})`;
}

async function main() {
	const server = databaseUrl();
	const name = `aiyl_bench_${randomBytes(4).toString('hex')}`;
	const admin = postgres(server, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = withDatabase(server, name);
	const sql = connect(url, { max: 4 });
	try {
		await migrate(url, { quiet: true });
		const [seedMs] = await time(() => seedDemo(sql));
		console.log(
			`seed (territories, catalogue of ${catalogue.SHIPPED_PLANS.length} plans, demo users): ${seedMs.toFixed(0)} ms`
		);

		const queries = [
			'онугуу',
			'кризис',
			'ЭСӨМ',
			'4.5',
			'гендердик бюджет',
			'зомбулук',
			'насилие',
			'женщин',
			'кенеш',
			'жаштар'
		];
		const filters: catalogue.SearchFilters[] = [
			{ lsg: true },
			{ localBudget: true },
			{ pillar: 'protection' },
			{ body: 'MLSD' }
		];
		const searchMs: number[] = [];
		for (let round = 0; round < 30; round++) {
			for (const q of queries) searchMs.push((await time(() => catalogue.search(sql, { q })))[0]);
			for (const f of filters) searchMs.push((await time(() => catalogue.search(sql, f)))[0]);
		}
		console.log(
			`catalogue search (words, numbers, filters; ${await count(sql)} measures): ${stats(searchMs)}`
		);
		const pageMs: number[] = [];
		for (let round = 0; round < 10; round++)
			for (const q of queries)
				pageMs.push((await time(() => catalogue.search(sql, { q, lang: 'ru' })))[0]);
		console.log(
			`catalogue search as the page runs it (with highlights and why each hit matched): ${stats(pageMs)}`
		);

		const [u] = await sql<{ id: number }[]>`select id from app_user where username = 'national'`;
		const national = (await loadActor(sql, u!.id))!;
		const lines = [
			'chapter_number,chapter_title_ky,goal_number,goal_title_ky,task_number,task_title_ky,measure_number,text_ky,bodies,funding,deadline,level'
		];
		for (let i = 1; i <= 5000; i++)
			lines.push(
				`${1 + (i % 5)},Бөлүм,${1 + (i % 5)}.${1 + (i % 3)},Максат,${i % 40},Милдет,${i}.1,Жергиликтүү чара ${i} гендердик теңчилик боюнча,LSG:lead; MLSD:co,local_budget,2026-2027-жылдар,local`
			);
		const bytes = new TextEncoder().encode(lines.join('\n'));
		const meta = {
			key: 'bench-plan',
			kind: 'other',
			titleKy: 'Сынак',
			periodStart: '2026',
			periodEnd: '2027',
			status: 'draft'
		};
		const [dryMs, report] = await time(() => catalogue.dryRun(sql, national, { bytes, meta }));
		if (report.problems.length)
			throw new Error('bench file has problems: ' + JSON.stringify(report.problems.slice(0, 3)));
		console.log(
			`import dry run of a 5 000-row CSV (${(bytes.length / 1024).toFixed(0)} KiB): ${dryMs.toFixed(0)} ms`
		);
		const [loadMs] = await time(() => catalogue.loadPlanFile(sql, report.file!));
		console.log(`loading those 5 000 measures: ${loadMs.toFixed(0)} ms`);
		const bigSearch: number[] = [];
		for (let i = 0; i < 50; i++)
			for (const q of ['гендердик', 'чара 4999', 'кризис', 'бюджитирование'])
				bigSearch.push((await time(() => catalogue.search(sql, { q })))[0]);
		console.log(
			`search with the extra 5 000 measures (${await count(sql)} in all): ${stats(bigSearch)}`
		);
		const { versionId } = (await catalogue.listPlans(sql)).find(
			(p) => p.key === 'nap-gender-2018-2020'
		)!;
		const exp: number[] = [];
		for (const f of ['json', 'csv', 'xlsx'] as const)
			exp.push((await time(() => catalogue.exportPlan(sql, null, versionId, f)))[0]);
		console.log(
			`export of the 2018–2020 plan as JSON / CSV / XLSX: ${exp.map((x) => x.toFixed(0)).join(' / ')} ms`
		);
		console.log(`peak memory (RSS) of this process: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
	} finally {
		clearInterval(timer);
		await sql.end();
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end();
	}
}

async function count(sql: ReturnType<typeof connect>) {
	return (
		await sql<
			{ n: number }[]
		>`select count(*)::int as n from measure_detail d join catalogue_version v on v.id = d.version_id and v.is_current`
	)[0]!.n;
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
