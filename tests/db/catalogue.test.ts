import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as messages from '../../src/lib/paraglide/messages';
import * as catalogue from '../../src/lib/server/catalogue';
import {
	SHIPPED_PLANS,
	measuresOf,
	normalizePlanFile,
	type PlanFile
} from '../../src/lib/server/catalogue';
import { foldChars } from '../../src/lib/server/catalogue/fold';
import { startBoss } from '../../src/lib/server/jobs';
import { xlsxBomb } from '../../src/lib/server/zip.fixtures';
import { HANDLERS } from '../../src/lib/server/app';
import { actorOf, demoDb } from './helpers';

const { sql, url } = await demoDb();
const national = await actorOf(sql, 'national');
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const admin = await actorOf(sql, 'admin');

const shipped = (key: string) => normalizePlanFile(SHIPPED_PLANS.find((p) => p.plan.key === key)!);
const planId = async (key: string) =>
	(await sql<{ id: number }[]>`select id from national_plan where key = ${key}`)[0]!.id;
const currentVersion = async (key: string) =>
	(
		await sql<
			{ id: number; number: number }[]
		>`select v.id, v.number from catalogue_version v join national_plan p on p.id = v.plan_id where p.key = ${key} and v.is_current`
	)[0];
const tableCounts = async () =>
	(
		await sql`select (select count(*)::int from national_plan) as plans, (select count(*)::int from catalogue_version) as versions,
		(select count(*)::int from plan_node) as nodes, (select count(*)::int from body) as bodies, (select count(*)::int from catalogue_import) as imports`
	)[0];

// the seed as extracted from the PDF, without the page footers (the act's URL) that cut cells in two
// ../shared beside the checkout (or beside the folder of worktrees, for a worktree in wt/<name>)
const SEEDS =
	['../shared/seeds', '../../shared/seeds']
		.map((d) => path.resolve(d))
		.find((d) => existsSync(d)) ?? path.resolve('../shared/seeds');
const SEED = readFileSync(path.join(SEEDS, '001_f8470a8693b07320.txt'), 'utf8')
	.split('\n')
	.map((l) => (l.startsWith('http://cbd.minjust.gov.kg/') ? '' : l));
/** The seed from a line on, without the whitespace and hyphens where the PDF extraction broke words. */
const squash = (s: string) => s.replace(/[\s\u00ad-]+/g, '').toLowerCase();
const seedFrom = (line: number, lines = 400) =>
	squash(SEED.slice(line - 1, line - 1 + lines).join('\n'));
/** Every word of a field, in order, appears in the seed after the measure's line (page breaks may fall between words). */
function wordsInSeed(field: string, line: number): string[] {
	const window = seedFrom(line);
	let at = 0;
	const missing: string[] = [];
	for (const word of field
		.split(/\s+/)
		.map(squash)
		.filter((w) => w.length >= 3)) {
		const found = window.indexOf(word, at);
		if (found >= 0) {
			at = found + word.length;
			continue;
		}
		// a word the page break cut in two: its head ends one cell, its tail starts the continuation later
		const split = [...Array(word.length - 1).keys()]
			.map((i) => i + 1)
			.find((i) => {
				const head = window.indexOf(word.slice(0, i), at);
				return head >= 0 && window.indexOf(word.slice(i), head + i) >= 0;
			});
		if (split === undefined) missing.push(word);
	}
	return missing;
}

describe('the shipped catalogue', () => {
	it('the loader counts every level of the 2018–2020 gender equality plan', async () => {
		const result = (await catalogue.loadShippedCatalogue(sql)).find(
			(r) => r.key === 'nap-gender-2018-2020'
		)!;
		expect(result.counts).toEqual({ chapters: 5, goals: 13, tasks: 36, measures: 117 });
		const plan = await catalogue.getPlan(sql, await planId('nap-gender-2018-2020'));
		expect(plan.counts).toEqual({ chapters: 5, goals: 13, tasks: 36, measures: 117 });
		expect(plan).toMatchObject({
			kind: 'gender_nap',
			status: 'adopted',
			periodStart: 2018,
			periodEnd: 2020,
			act: { number: '537', date: '2018-11-19' }
		});
		expect(catalogue.describeLoad([result])).toMatch(
			/chapters 5, goals 13, tasks 36, measures 117/
		);
	});

	it('loading again writes nothing', async () => {
		const before = await tableCounts();
		const results = await catalogue.loadShippedCatalogue(sql);
		expect(results.every((r) => !r.created)).toBe(true);
		expect(await tableCounts()).toEqual(before);
	});

	it('ships the 2025–2027 drafts and the NAP 1325 2018–2020, marked as drafts or incomplete', async () => {
		const plans = await catalogue.listPlans(sql);
		const by = Object.fromEntries(plans.map((p) => [p.key, p]));
		expect(by['nap-gender-2025-2027-draft']).toMatchObject({
			status: 'draft',
			complete: false,
			counts: { chapters: 5, goals: 13 }
		});
		expect(by['nap-1325-2025-2027-draft']).toMatchObject({
			kind: 'nap_1325',
			status: 'draft',
			counts: { chapters: 5 }
		});
		expect(by['nap-1325-2018-2020']).toMatchObject({ kind: 'nap_1325', complete: false });
		expect(by['nap-gender-2025-2027-draft']!.note?.en).toMatch(/May 2025/);
	});

	it('a sample of rows matches the source text field by field', async () => {
		const { file } = await catalogue.planFile(
			sql,
			(await currentVersion('nap-gender-2018-2020'))!.id
		);
		const all = Object.fromEntries(measuresOf(file).map((x) => [x.measure.id, x]));
		// 1.1: the first row of the table (seed line 106)
		const m11 = all['g18.m1.1']!;
		expect(m11.task.number).toBe('1');
		expect(m11.measure).toMatchObject({
			number: '1.1',
			deadline: { raw: '2019-жылдын ичинде', kind: 'during_year', from: 2019, to: 2019 },
			bodies: [
				{ code: 'MOES', role: 'lead' },
				{ code: 'MLSD', role: 'co' }
			],
			bodiesRaw: 'БИМ, ЭСӨМ',
			funding: ['republican_budget'],
			level: 'national',
			source: { line: 106 }
		});
		expect(
			m11.measure.text.ky.startsWith(
				'Эмгектик жана үй-бүлөлүк милдеттерди айкалыштырууну оордоткон себептерди'
			)
		).toBe(true);
		expect(m11.measure.text.ruUnofficial).toBe(true);
		expect(seedFrom(106)).toContain(squash(m11.measure.text.ky));
		// the baseline cell runs into the next page: the PDF printed its tail after the rest of the row
		expect(m11.measure.baseline.ky).toMatch(
			/уюмдарындагы зарыл болгон кошумча орундардын саны жөнүндө маалыматтар жок$/
		);
		expect(seedFrom(106)).toContain(
			squash('шарттарды жакшыртуу үчүн мектепке чейинки билим берүү уюмдарын')
		);
		expect(seedFrom(106)).toContain(
			squash('дагы зарыл болгон кошумча орундардын саны жөнүндө маалыматтар жок')
		);
		// 24.1: a local measure with an empty indicator cell and a half-year deadline
		const m241 = all['g18.m24.1']!;
		expect(m241.measure).toMatchObject({
			number: '24.1',
			level: 'local',
			indicators: [],
			deadline: { kind: 'half_year', from: 2018, to: 2018, half: 2 }
		});
		expect(m241.measure.bodies.filter((b) => b.role === 'by_agreement').map((b) => b.code)).toEqual(
			expect.arrayContaining(['BISHKEK_CITY_HALL', 'OSH_CITY_HALL', 'KARAKOL_CITY_HALL'])
		);
		expect(
			m241.measure.text.ky.startsWith(
				'Гендердик жана үй-бүлөлүк зомбулуктан жабыр тарткандардын чалууларын'
			)
		).toBe(true);
		// 34.7: checkpoints, and cells that continue after a page break
		expect(all['g18.m34.7']!.measure.deadline).toMatchObject({
			kind: 'checkpoints',
			checkpoints: ['2019-06', '2020-06']
		});
		for (const id of ['g18.m1.1', 'g18.m4.5', 'g18.m24.1', 'g18.m34.7', 'g18.m13.2']) {
			const m = all[id]!.measure;
			const fields = [
				m.text.ky,
				m.baseline.ky,
				...m.indicators.map((i) => i.ky),
				m.expectedResult.ky,
				m.deadline.raw,
				m.bodiesRaw,
				m.fundingRaw
			];
			for (const f of fields)
				expect(wordsInSeed(f, m.source.line!), `${id}: ${f.slice(0, 60)}`).toEqual([]);
		}
	});

	it('the indicator cell of 11.2 ("Жолугушуулардын; катышуучулардын саны") is one indicator, not a meaningless "Жолугушуулардын"', async () => {
		const { file } = await catalogue.planFile(
			sql,
			(await currentVersion('nap-gender-2018-2020'))!.id
		);
		const m112 = measuresOf(file).find((x) => x.measure.id === 'g18.m11.2')!.measure;
		expect(m112.indicators).toEqual([
			{ ky: 'Жолугушуулардын; катышуучулардын саны', ru: 'Количество встреч; участников' }
		]);
		expect(wordsInSeed(m112.indicators[0]!.ky, m112.source.line!)).toEqual([]);
	});

	it('task 17 and its measures name the committees as the 2017 law does: "по охране и защите от семейного насилия"', async () => {
		const { file } = await catalogue.planFile(
			sql,
			(await currentVersion('nap-gender-2018-2020'))!.id
		);
		const task17 = measuresOf(file).find((x) => x.measure.id === 'g18.m17.3')!;
		expect(task17.task.title.ru).toBe(
			'Организация работы комитетов по охране и защите от семейного насилия на уровне местных сообществ'
		);
		expect(task17.measure.text.ru).toContain(
			'местных комитетов по охране и защите от семейного насилия при ОМСУ'
		);
		expect(JSON.stringify(file)).not.toContain('по защите и предупреждению семейного насилия');
	});

	it('repeated rows are marked duplicate_of, and the abbreviation list became the bodies registry', async () => {
		const { file } = await catalogue.planFile(
			sql,
			(await currentVersion('nap-gender-2018-2020'))!.id
		);
		const m12 = measuresOf(file).find((x) => x.measure.id === 'g18.m1.2')!.measure;
		expect(m12.duplicateOf).toBe('g18.m1.1');
		const [mlsd] = await sql`select abbr, variants, kind, name_ky from body where code = 'MLSD'`;
		expect(mlsd).toMatchObject({ abbr: 'ЭСӨМ', kind: 'ministry' });
		expect(mlsd!.variants).toContain('ЭСӨМ');
	});
});

describe('search', () => {
	const numbers = async (q: string, filters: Partial<catalogue.SearchFilters> = {}) =>
		(await catalogue.search(sql, { q, limit: 200, ...filters })).hits;

	it('"онугуу" typed with Russian letters finds measures about өнүгүү', async () => {
		const hits = await numbers('онугуу', { lang: 'ky' });
		expect(hits.length).toBeGreaterThan(0);
		// found in the measure's own text, or (ranked after) in the title of its chapter, which the hit names
		for (const h of hits) {
			if (h.matchedIn)
				expect(
					h.matchedIn.segments.filter((x) => x.mark).map((x) => x.text.toLowerCase())
				).toContain('өнүгүү');
			else expect(h.text.ky.toLowerCase()).toMatch(/өнүгүү/);
		}
		expect((await numbers('кенеш')).length).toBe((await numbers('кеңеш')).length);
	});

	it('"кризис" finds the crisis centres of the drafts, in Russian and Kyrgyz texts', async () => {
		const ids = (await numbers('кризис')).map((h) => h.stableId);
		expect(ids).toEqual(expect.arrayContaining(['g25.m8.1', 'w25.m3.l1', 'w25.m1.n3']));
	});

	it('a body abbreviation finds the measures of that body, also typed with look-alike letters', async () => {
		const hits = await numbers('ЭСӨМ');
		expect(hits.length).toBeGreaterThan(10);
		const [withBody] =
			await sql`select count(distinct mb.node_id)::int as n from measure_body mb join plan_node n on n.id = mb.node_id join catalogue_version v on v.id = n.version_id and v.is_current where mb.body_code = 'MLSD'`;
		expect(hits.length).toBeGreaterThanOrEqual(withBody!.n);
		expect((await numbers('ЭСОМ')).length).toBe(hits.length);
	});

	it('a measure number finds that measure first', async () => {
		const plan = await planId('nap-gender-2018-2020');
		const hits = await numbers('4.5', { plan });
		expect(hits[0]).toMatchObject({ number: '4.5', stableId: 'g18.m4.5' });
	});

	it('Russian search finds word forms: "насилие", "насилия" and "насили" find the same measures', async () => {
		const ids = async (q: string) => (await numbers(q)).map((h) => h.id).sort();
		const forms = await ids('насилие');
		expect(forms.length).toBeGreaterThan(61);
		expect(await ids('насилия')).toEqual(forms);
		expect(await ids('насили')).toEqual(forms);
	});

	it('phrases find their measures in any word form: "домашнее насилие" (семейное насилие), "гендерное бюджетирование", "расширение экономических возможностей"', async () => {
		const domestic = await numbers('домашнее насилие');
		expect(domestic.map((h) => h.stableId)).toEqual(
			expect.arrayContaining(['g18.m23.1', 'g18.m18.1'])
		);
		expect(
			domestic.every((h) => /семейн/i.test(h.text.ru ?? '') || h.rank < domestic[0]!.rank)
		).toBe(true);
		const budgeting = (await numbers('гендерное бюджетирование')).map((h) => h.stableId);
		expect(budgeting).toEqual(expect.arrayContaining(['w25.m5.l1', 'g18.m12.1']));
		// a chapter title: every measure of that chapter is found, by the title above it
		const economic = await numbers('расширение экономических возможностей', {
			plan: await planId('nap-gender-2018-2020')
		});
		expect(economic.length).toBeGreaterThan(5);
		expect(economic.map((h) => h.goalNumber)).toContain('1.1');
	});

	it('a mistyped word still finds: a Latin "e" (насилиe), a wrong ending (бюджетированье), a wrong letter (насиоие, бюджитирование)', async () => {
		const ids = async (q: string) => (await numbers(q)).map((h) => h.id).sort();
		const violence = await ids('насилие');
		expect(await ids('насилиe')).toEqual(violence);
		expect(await ids('насиоие')).toEqual(violence);
		const budgeting = await ids('бюджетирование');
		expect(budgeting.length).toBeGreaterThan(0);
		expect(await ids('бюджетированье')).toEqual(budgeting);
		expect(await ids('бюджитирование')).toEqual(budgeting);
		// a word nobody wrote stays unfound
		expect(await numbers('кварк')).toEqual([]);
	});

	it('Kyrgyz letters may still be typed as н, о, у: "уй-булолук зомбулук" finds what "үй-бүлөлүк зомбулук" finds', async () => {
		const ky = (await numbers('үй-бүлөлүк зомбулук')).map((h) => h.id);
		expect(ky.length).toBeGreaterThan(5);
		expect((await numbers('уй-булолук зомбулук')).map((h) => h.id)).toEqual(ky);
		expect((await numbers('коргоо')).length).toBe((await numbers('коргоо')).length);
	});

	it('"ССМ" typed in Cyrillic finds 25.2 and 25.3, where the plan prints "CСМ" with a Latin C', async () => {
		const ids = (await numbers('ССМ')).map((h) => h.stableId);
		expect(ids).toEqual(expect.arrayContaining(['g18.m25.2', 'g18.m25.3']));
		expect((await numbers('CCM')).map((h) => h.stableId)).toEqual(ids);
		// the printed text is kept
		const [m252] =
			await sql`select d.bodies_raw from measure_detail d join plan_node n on n.id = d.node_id join catalogue_version v on v.id = n.version_id and v.is_current where n.stable_id = 'g18.m25.2'`;
		expect(m252!.bodiesRaw).toMatch(/^CСМ/);
	});

	it('the database folds stored text exactly as the query is folded', async () => {
		const text =
			'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ ҢӨҮҺӘ абвгдеёжзийклмнопрстуфхцчшщъыьэюя ңөүһә ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0-9.,;';
		const { folded } = (await sql`select catalogue_fold(${text}) as folded`)[0]!;
		expect(folded).toBe(foldChars(text));
	});

	it('results are ranked: measures whose own text holds the words come before those found by the title of their task', async () => {
		const hits = await catalogue.search(sql, {
			q: 'гендерное бюджетирование',
			lang: 'ru',
			limit: 200
		});
		const inText = hits.hits.map((h) => !h.matchedIn);
		expect(inText[0]).toBe(true);
		expect(hits.hits[0]!.stableId).toBe('w25.m5.l1');
		expect(inText.lastIndexOf(true)).toBeLessThan(inText.indexOf(false));
		expect(hits.hits.find((h) => h.matchedIn)?.matchedIn?.field).toBe('task');
		const ranks = hits.hits.map((h) => h.rank);
		expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
	});

	it('a hit shows why it matched: the found words are marked on the text as printed, Kyrgyz letters and all', async () => {
		const marked = (segments: { text: string; mark?: true }[] | null) =>
			(segments ?? []).filter((s) => s.mark).map((s) => s.text);
		const [ky] = (await catalogue.search(sql, { q: 'кенеш', lang: 'ky', limit: 200 })).hits.filter(
			(h) => /кеңеш/i.test(h.text.ky)
		);
		expect(ky!.marked!.map((s) => s.text).join('')).toBe(ky!.text.ky);
		expect(marked(ky!.marked).every((w) => /^кеңеш/i.test(w))).toBe(true);
		const [ru] = (await catalogue.search(sql, { q: 'домашнее насилие', lang: 'ru', limit: 5 }))
			.hits;
		expect(marked(ru!.marked).map((w) => w.toLowerCase())).toEqual(
			expect.arrayContaining([expect.stringMatching(/^семейн/), expect.stringMatching(/^насили/)])
		);
		// a Russian word on a Kyrgyz page: the Russian text says why
		const [why] = (await catalogue.search(sql, { q: 'насилия', lang: 'ky', limit: 1 })).hits;
		expect(why!.matchedIn).toMatchObject({ field: 'text' });
		expect(marked(why!.matchedIn!.segments).length).toBeGreaterThan(0);
		// without a page language (the read API) nothing is computed
		expect((await numbers('насилия'))[0]!.marked).toBeNull();
	});

	it('a highlight keeps markup in the text as plain text and marks only the found words', async () => {
		const file = structuredClone(shipped('nap-1325-2025-2027-draft'));
		file.plan.key = 'highlight-test';
		const m = file.chapters[0]!.goals[0]!.tasks[0]!.measures[0]!;
		m.text.ru = '<script>alert(1)</script> Профилактика семейного насилия & <b>помощь</b>';
		file.chapters = [
			{
				...file.chapters[0]!,
				goals: [
					{
						...file.chapters[0]!.goals[0]!,
						tasks: [{ ...file.chapters[0]!.goals[0]!.tasks[0]!, measures: [m]! }]
					}
				]
			}
		];
		await catalogue.loadPlanFile(sql, file);
		const [hit] = (
			await catalogue.search(sql, {
				q: 'насилие',
				plan: await planId('highlight-test'),
				lang: 'ru'
			})
		).hits;
		expect(hit!.marked).toEqual([
			{ text: '<script>alert(1)</script> Профилактика семейного ' },
			{ text: 'насилия', mark: true },
			{ text: ' & <b>помощь</b>' }
		]);
	});

	it('filters: plan, pillar, body, local self-government, local budget', async () => {
		const wps = await planId('nap-1325-2025-2027-draft');
		const pillar = await numbers('', { pillar: 'protection' });
		expect(pillar.length).toBeGreaterThan(0);
		expect(pillar.every((h) => h.tags.includes('pillar:protection'))).toBe(true);
		expect((await numbers('', { plan: wps })).every((h) => h.planId === wps)).toBe(true);
		const lb = await numbers('', { localBudget: true });
		expect(lb.map((h) => h.stableId)).toContain('g25.m6.2');
		const lsg = await numbers('', { lsg: true });
		expect(lsg.length).toBeGreaterThan(0);
		const withLsgBody = new Set(
			(
				await sql<
					{ nodeId: number }[]
				>`select distinct mb.node_id from measure_body mb join body b on b.code = mb.body_code where b.kind in ('lsg', 'lsa')`
			).map((r) => r.nodeId)
		);
		expect(lsg.every((h) => h.level === 'local' || withLsgBody.has(h.id))).toBe(true);
		// and it is a real filter: some measures are left out
		expect((await catalogue.search(sql, { lsg: true })).total).toBeLessThan(
			(await catalogue.search(sql, {})).total
		);
		expect((await numbers('', { body: 'MLSD' })).length).toBe(
			(await numbers('ЭСӨМ', { body: 'MLSD' })).length
		);
	});
});

describe('import dry run', () => {
	const header =
		'chapter_number,chapter_title_ky,goal_number,goal_title_ky,task_number,task_title_ky,measure_number,text_ky,bodies,funding,deadline,level';
	const good = [
		header,
		'1,Бөлүм,1.1,Максат,1,Милдет,1.1,Биринчи чара,MLSD:lead,local_budget,2026-жыл,local',
		'1,Бөлүм,1.1,Максат,1,Милдет,1.2,Экинчи чара,LSG:lead; MIA:co,,2026-2027-жылдар,local'
	];
	const meta = {
		key: 'test-plan',
		kind: 'gender_nap',
		titleKy: 'Сынак план',
		periodStart: '2026',
		periodEnd: '2027',
		status: 'draft'
	};
	const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));
	const run = (bytes: Uint8Array, m: catalogue.MetaInput = meta) =>
		catalogue.dryRun(sql, national, { bytes, meta: m });

	it('a good file passes with its counts', async () => {
		const report = await run(csv(good));
		expect(report.problems).toEqual([]);
		expect(report.counts).toEqual({ chapters: 1, goals: 1, tasks: 1, measures: 2 });
	});

	it('rejects each bad row with its line and reason, and changes nothing', async () => {
		const before = await tableCounts();
		const cases: [string[], number, string][] = [
			[
				[header, '1,Бөлүм,1.1,Максат,,,1.1,Милдетсиз чара,MLSD:lead,,2026-жыл,local'],
				2,
				'import_measure_without_task'
			],
			[
				[...good, '1,Бөлүм,1.1,Максат,1,Милдет,1.1,Кайталанган,MLSD:lead,,2026-жыл,local'],
				4,
				'import_duplicate_number'
			],
			[
				[header, '1,Бөлүм,1.1,Максат,1,Милдет,1.1,Чара,NOBODY:lead,,2026-жыл,local'],
				2,
				'import_unknown_body'
			],
			[
				[header, '1,Бөлүм,1.1,Максат,1,Милдет,1.1,Чара,MLSD:lead,,качандыр бир кезде,local'],
				2,
				'import_bad_deadline'
			]
		];
		for (const [lines, line, code] of cases) {
			const report = await run(csv(lines));
			expect(report.problems, code).toContainEqual(expect.objectContaining({ line, code }));
			expect(report.file).toBeNull();
		}
		const missing = await run(csv(['chapter_number,goal_number,measure_number', '1,1.1,1.1']));
		expect(missing.problems[0]).toMatchObject({ code: 'import_missing_columns' });
		expect(String(missing.problems[0]!.params?.columns)).toMatch(/task_number/);
		expect((await run(new Uint8Array())).problems[0]!.code).toBe('import_empty');
		expect((await run(csv([header]))).problems[0]!.code).toBe('import_empty');
		const pdf = new TextEncoder().encode('%PDF-1.4\n\u0001\u0002 binary');
		expect((await run(pdf)).problems[0]!.code).toBe('import_unknown_format');
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
		expect((await run(png)).problems[0]!.code).toBe('import_unknown_format');
		expect((await run(new TextEncoder().encode('{"plan": '))).problems[0]!.code).toBe(
			'import_json_syntax'
		);
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
		expect((await run(zip)).problems[0]!.code).toBe('import_not_xlsx');
		expect(await tableCounts()).toEqual(before);
	});

	it('lists every bad row, not just the first', async () => {
		const report = await run(
			csv([
				header,
				'1,Бөлүм,1.1,Максат,1,Милдет,1.1,Чара,NOBODY:lead,,2026-жыл,local',
				'1,Бөлүм,1.1,Максат,1,Милдет,1.2,Чара,MLSD:lead,,эч качан,local',
				'1,Бөлүм,1.1,Максат,1,Милдет,1.3,Чара,MLSD:boss,,2026-жыл,local'
			])
		);
		expect(report.problems.map((p) => [p.line, p.code])).toEqual([
			[2, 'import_unknown_body'],
			[3, 'import_bad_deadline'],
			[4, 'import_bad_role']
		]);
	});

	it('checks the plan details typed in the form', async () => {
		const report = await run(csv(good), {
			...meta,
			key: 'Bad Key',
			periodStart: '2030',
			periodEnd: '2026',
			kind: 'novel'
		});
		expect(report.problems.map((p) => p.code)).toEqual(
			expect.arrayContaining(['import_meta_key', 'import_meta_kind', 'import_meta_period'])
		);
	});

	it('only national and admin may import', async () => {
		for (const actor of [staff, deputy, oblast, null]) {
			await expect(catalogue.dryRun(sql, actor, { bytes: csv(good), meta })).rejects.toMatchObject({
				status: 403
			});
		}
		await expect(catalogue.dryRun(sql, admin, { bytes: csv(good), meta })).resolves.toMatchObject({
			problems: []
		});
	});
});

describe('export and import again', () => {
	for (const format of ['json', 'csv', 'xlsx'] as const) {
		it(`a plan exported as ${format.toUpperCase()} and imported again is the same catalogue`, async () => {
			const key = 'nap-gender-2018-2020';
			const version = (await currentVersion(key))!;
			const exported = await catalogue.exportPlan(sql, null, version.id, format);
			const p = shipped(key).plan;
			const meta =
				format === 'json'
					? {}
					: {
							key,
							kind: p.kind,
							titleKy: p.title.ky,
							titleRu: p.title.ru ?? '',
							titleEn: p.title.en ?? '',
							periodStart: String(p.periodStart),
							periodEnd: String(p.periodEnd),
							status: p.status,
							actType: p.act?.type ?? '',
							actNumber: p.act?.number ?? '',
							actDate: p.act?.date ?? ''
						};
			const report = await catalogue.dryRun(sql, national, { bytes: exported.body, meta });
			expect(report.problems).toEqual([]);
			const again =
				format === 'json'
					? report.file!
					: { ...report.file!, plan: { ...shipped(key).plan, ...pick(report.file!.plan) } };
			expect(catalogue.planFileHash(again)).toBe(catalogue.planFileHash(shipped(key)));
			const before = await tableCounts();
			const load = await catalogue.loadPlanFile(sql, again);
			expect(load).toMatchObject({ created: false, versionId: version.id });
			expect(await tableCounts()).toEqual(before);
		});
	}
	// the CSV and XLSX tables carry no act URL, note or source file: those come from the form or stay
	const pick = (p: PlanFile['plan']) => ({
		key: p.key,
		kind: p.kind,
		title: p.title,
		periodStart: p.periodStart,
		periodEnd: p.periodEnd,
		status: p.status
	});
});

describe('versions', () => {
	it('changing an adopted plan makes a new version; the old version stays as it was', async () => {
		const key = 'nap-gender-2018-2020';
		const v1 = (await currentVersion(key))!;
		const oldNode = (
			await sql`select id, title_ky from plan_node where version_id = ${v1.id} and stable_id = 'g18.m1.1'`
		)[0]!;
		const changed: PlanFile = structuredClone(shipped(key));
		changed.chapters[0]!.goals[0]!.tasks[0]!.measures[0]!.text.ky = 'Өзгөртүлгөн текст';
		const result = await catalogue.loadPlanFile(sql, changed, { userId: national.id });
		expect(result).toMatchObject({ created: true, versionNumber: v1.number + 1 });
		expect((await currentVersion(key))!.id).toBe(result.versionId);
		const still = (await sql`select id, title_ky from plan_node where id = ${oldNode.id}`)[0];
		expect(still).toEqual(oldNode);
		const versions = await catalogue.planVersions(sql, await planId(key));
		expect(versions.map((v) => [v.number, v.isCurrent])).toEqual([
			[v1.number + 1, true],
			[v1.number, false]
		]);
		// back to the original: a third version, identical in content to the first
		const back = await catalogue.loadPlanFile(sql, shipped(key));
		expect(back.versionNumber).toBe(v1.number + 2);
	});
});

const boss = await startBoss({ databaseUrl: url, sql, work: true, handlers: HANDLERS });
afterAll(() => boss.stop({ graceful: true, timeout: 5000 }));

/** What the catalogue holds, leaving out the import rows themselves (every upload makes one). */
const catalogueCounts = async () => {
	const { imports: _imports, ...rest } = (await tableCounts())!;
	return rest;
};
/** The import row once the worker is done with it (checked, loaded or failed), within 20 s. */
async function settled(
	importId: number,
	until: catalogue.ImportStatus[] = ['checked', 'done', 'failed']
) {
	const deadline = Date.now() + 20_000;
	let row = await catalogue.getImport(sql, national, importId);
	while (!until.includes(row.status) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 100));
		row = await catalogue.getImport(sql, national, importId);
	}
	return row;
}
const jobsOf = async (name: string, importId: number) =>
	Number(
		(
			await sql`select count(*)::int as n from pgboss.job where name = ${name} and (data->>'importId')::bigint = ${importId}`
		)[0]!.n
	);
const bigMeta = {
	key: 'big-plan',
	kind: 'other',
	titleKy: 'Чоң план',
	periodStart: '2026',
	periodEnd: '2028',
	status: 'draft'
};

describe('import as a background job', () => {
	it('the dry run runs as a job: the upload is only stored, and the catalogue.check job reads it', async () => {
		// a queue without workers: what the request did is all there is
		const idle = await startBoss({ databaseUrl: url, sql, work: false });
		try {
			const bytes = new TextEncoder().encode(
				'chapter_number,goal_number,task_number,measure_number,text_ky\n1,1.1,1,1.1,Чара'
			);
			const importId = await catalogue.queueCheck(sql, idle, national, {
				bytes,
				meta: bigMeta,
				filename: 'plan.csv',
				thenImport: false
			});
			const [stored] =
				await sql`select status, upload, report, payload from catalogue_import where id = ${importId}`;
			expect(stored).toMatchObject({ status: 'checking', report: null, payload: null });
			expect(new Uint8Array(stored!.upload)).toEqual(bytes);
			expect(await jobsOf('catalogue.check', importId)).toBe(1);
			// the job does the reading, keeps the report and drops the bytes
			await catalogue.runCheck(sql, idle, importId);
			const [checked] =
				await sql`select status, upload, report from catalogue_import where id = ${importId}`;
			expect(checked).toMatchObject({
				status: 'checked',
				upload: null,
				report: { format: 'csv', rows: 1, problems: [], counts: { measures: 1 } }
			});
			expect(await jobsOf('catalogue.import', importId)).toBe(0);
		} finally {
			await idle.stop({ graceful: false });
		}
	});

	it('an "Import" is checked by a worker, then loaded by one, with progress', async () => {
		const lines = [
			'chapter_number,chapter_title_ky,goal_number,goal_title_ky,task_number,task_title_ky,measure_number,text_ky,bodies,deadline'
		];
		for (let i = 1; i <= 450; i++)
			lines.push(`1,Бөлүм,1.1,Максат,1,Милдет,1.${i},Чара ${i},LSG:lead,2026-жыл`);
		const bytes = new TextEncoder().encode(lines.join('\n'));
		const importId = await catalogue.queueCheck(sql, boss, national, {
			bytes,
			meta: bigMeta,
			filename: 'big.csv',
			thenImport: true
		});
		const row = await settled(importId, ['done', 'failed']);
		expect(row).toMatchObject({
			status: 'done',
			progress: 450,
			total: 450,
			report: { problems: [], rows: 450 }
		});
		expect((await catalogue.getPlan(sql, row.planId!)).counts.measures).toBe(450);
		await expect(catalogue.getImport(sql, staff, importId)).rejects.toMatchObject({ status: 403 });
	});

	it('a file with a bad row is reported and never loaded, not even by "Import the checked file"', async () => {
		const before = await catalogueCounts();
		const bytes = new TextEncoder().encode(
			'chapter_number,goal_number,task_number,measure_number,text_ky,bodies\n1,1.1,1,1.1,Чара,NOBODY:lead'
		);
		const importId = await catalogue.queueCheck(sql, boss, national, {
			bytes,
			meta: {
				key: 'bad-plan',
				kind: 'other',
				titleKy: 'X',
				periodStart: '2026',
				periodEnd: '2026',
				status: 'draft'
			},
			filename: 'bad.csv',
			thenImport: true
		});
		const row = await settled(importId);
		expect(row.status).toBe('checked');
		expect(row.report!.problems).toEqual([
			{ line: 2, code: 'import_unknown_body', params: { value: 'NOBODY' } }
		]);
		await expect(catalogue.importChecked(sql, boss, national, importId)).rejects.toMatchObject({
			status: 409,
			code: 'import_not_checked'
		});
		expect(await jobsOf('catalogue.import', importId)).toBe(0);
		expect(await catalogueCounts()).toEqual(before);
	});

	it('a clean check loads only when someone imports it, and only once', async () => {
		const bytes = new TextEncoder().encode(
			'chapter_number,goal_number,task_number,measure_number,text_ky\n1,1.1,1,1.1,Чара'
		);
		const meta = { ...bigMeta, key: 'checked-plan' };
		const importId = await catalogue.queueCheck(sql, boss, national, {
			bytes,
			meta,
			filename: 'ok.csv',
			thenImport: false
		});
		expect((await settled(importId)).status).toBe('checked');
		expect(await jobsOf('catalogue.import', importId)).toBe(0);
		await expect(catalogue.importChecked(sql, boss, staff, importId)).rejects.toMatchObject({
			status: 403
		});
		await catalogue.importChecked(sql, boss, national, importId);
		await expect(catalogue.importChecked(sql, boss, national, importId)).rejects.toMatchObject({
			status: 409
		});
		expect(await settled(importId, ['done', 'failed'])).toMatchObject({ status: 'done', total: 1 });
	});

	it('an upload checked but never imported is forgotten after a week, bytes and all', async () => {
		const bytes = new TextEncoder().encode(
			'chapter_number,goal_number,task_number,measure_number,text_ky\n1,1.1,1,1.1,Чара'
		);
		const old = await catalogue.queueCheck(sql, boss, national, {
			bytes,
			meta: bigMeta,
			filename: 'old.csv',
			thenImport: false
		});
		const recent = await catalogue.queueCheck(sql, boss, national, {
			bytes,
			meta: bigMeta,
			filename: 'new.csv',
			thenImport: false
		});
		await settled(old);
		await sql`update catalogue_import set created_at = now() - interval '8 days' where id = ${old}`;
		expect(await catalogue.deleteStaleChecks(sql)).toBe(1);
		await expect(catalogue.getImport(sql, national, old)).rejects.toMatchObject({ status: 404 });
		expect((await catalogue.getImport(sql, national, recent)).id).toBe(recent);
	});

	it('a hostile XLSX upload is refused with a message and writes nothing', async () => {
		const before = await catalogueCounts();
		for (const [bomb, code] of [
			[xlsxBomb(40 * 1024 * 1024), 'import_zip_too_large'],
			[xlsxBomb(40 * 1024 * 1024, { lie: true }), 'import_zip_size_mismatch']
		] as const) {
			const importId = await catalogue.queueCheck(sql, boss, national, {
				bytes: bomb,
				meta: bigMeta,
				filename: 'plan.xlsx',
				thenImport: true
			});
			const row = await settled(importId);
			expect(row).toMatchObject({
				status: 'checked',
				format: 'xlsx',
				report: { problems: [{ line: 0, code }] }
			});
			const [kept] = await sql`select upload, payload from catalogue_import where id = ${importId}`;
			expect(kept).toEqual({ upload: null, payload: null });
			expect(await jobsOf('catalogue.import', importId)).toBe(0);
			// what the import page shows, in each language
			const problem = row.report!.problems[0]!;
			for (const locale of ['ky', 'ru', 'en'] as const) {
				const text = (messages as unknown as Record<string, (p: object, o: object) => string>)[
					problem.code
				]!(problem.params ?? {}, { locale });
				expect(text).not.toBe(problem.code);
				expect(text.length).toBeGreaterThan(20);
			}
		}
		expect(await catalogueCounts()).toEqual(before);
	});

	it('random and hostile CSV never loads partly: the whole file or nothing, every problem at a line of the file', async () => {
		const idle = await startBoss({ databaseUrl: url, sql, work: false });
		const cell = fc.oneof(
			fc.constantFrom(
				'1',
				'1.1',
				'2',
				'Чара',
				'LSG:lead',
				'NOBODY:lead',
				'2026-жыл',
				'эч качан',
				'',
				'"',
				'=1+1',
				'local',
				'boss'
			),
			fc.string({ maxLength: 6 })
		);
		const header =
			'chapter_number,goal_number,task_number,measure_number,text_ky,bodies,deadline,level';
		let n = 0;
		let loaded = 0;
		try {
			// good rows too, so that whole files load as well as fail
			const goodRow = (k: number) => [
				'1',
				'1.1',
				'1',
				`1.${k}`,
				`Чара ${k}`,
				'LSG:lead',
				'2026-жыл',
				'local'
			];
			const good = fc.nat(30).map(goodRow);
			await fc.assert(
				fc.asyncProperty(
					fc.array(fc.oneof(good, fc.array(cell, { minLength: 6, maxLength: 9 })), {
						minLength: 1,
						maxLength: 6
					}),
					async (table) => {
						const text = [header, ...table.map((r) => r.join(','))].join('\n');
						const before = await catalogueCounts();
						const key = `fuzz-${++n}`;
						const importId = await catalogue.queueCheck(sql, idle, national, {
							bytes: new TextEncoder().encode(text),
							meta: { ...bigMeta, key },
							filename: 'f.csv',
							thenImport: true
						});
						await catalogue.runCheck(sql, idle, importId);
						await catalogue.runImport(sql, importId);
						const row = await catalogue.getImport(sql, national, importId);
						const lines = text.split('\n').length;
						for (const p of row.report!.problems) expect(p.line >= 0 && p.line <= lines).toBe(true);
						const after = await catalogueCounts();
						if (row.report!.problems.length) {
							expect(row.status).toBe('checked');
							expect(after).toEqual(before);
						} else {
							expect(row.status).toBe('done');
							const [measures] =
								await sql`select count(*)::int as n from plan_node n join catalogue_version v on v.id = n.version_id join national_plan p on p.id = v.plan_id where p.key = ${key} and n.level = 'measure'`;
							expect(measures!.n).toBe(row.total);
							expect(measures!.n).toBe(row.report!.counts!.measures);
							loaded++;
						}
					}
				),
				// a whole good file among the runs every time, not only when the dice allow
				{ numRuns: 25, examples: [[[goodRow(1), goodRow(2)]]] }
			);
			expect(loaded).toBeGreaterThan(0);
		} finally {
			await idle.stop({ graceful: false });
		}
	}, 120_000);
});
