/**
 * The national view (issue [12].2) on a small hand-made set: Ak-Turpak (Batken) with an approved
 * plan recorded locally, a late submitted report and an overdue draft one; a municipality of Osh
 * oblast known only from another instance's feed; a draft and a submitted plan that count as counts
 * only. Every figure is recomputed here by hand.
 */
import { describe, expect, it } from 'vitest';
import * as monitoring from '../../src/lib/server/monitoring';
import { recordDocument } from '../../src/lib/server/monitoring/figures';
import type { FeedDocument } from '../../src/lib/server/feed/document';
import { transaction } from '../../src/lib/server/db';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
await sql`delete from local_plan`;
await sql`delete from deputy`;
await sql`delete from monitoring_plan`;
await sql`delete from monitoring_seats`;

const national = await actorOf(sql, 'national');
const oblastRep = await actorOf(sql, 'batken.oblast');
const staff = await actorOf(sql, 'akturpak.staff');
const akTurpak = await territoryId(sql, SOATE.akTurpak);
const kyshtut = await territoryId(sql, SOATE.kyshtut);

const region = async (code: string) =>
	(await sql<{ id: number }[]>`select id::int from territory where stat_code = ${code}`)[0]!.id;
const batken = await region('KG05');
const osh = await region('KG06');
const [oshA, oshB] = await sql<{ id: number; soate: string }[]>`
	select id::int, soate_code as soate
	from territory
	where region_id = ${osh}
		and kind = 'municipality'
	order by soate_code
	limit 2`;

// a national plan with at least three measures in its current version
const [catalogue] = await sql<
	{ key: string; m1: string; m2: string; m3: string; m1Node: number }[]
>`
	select np.key, ms[1] as m1, ms[2] as m2, ms[3] as m3, ids[1]::int as m1_node
	from national_plan np
	join catalogue_version cv on cv.plan_id = np.id
		and cv.is_current
	cross join lateral (
		select array_agg(n.stable_id order by n.id) as ms, array_agg(n.id order by n.id) as ids
		from plan_node n
		where n.version_id = cv.id
			and n.level = 'measure') m
	where array_length(ms, 1) >= 3
	order by np.key
	limit 1`;

async function localPlan(municipalityId: number, state: string, kind = 'gender_plan') {
	const [p] = await sql<{ id: number }[]>`
		insert into local_plan (municipality_id, kind, title, period_start, period_end)
		values (${municipalityId}, ${kind}, 'Plan', 2025, 2026)
		returning id::int`;
	const [s] = await sql<{ id: number }[]>`
		insert into plan_section (local_plan_id, municipality_id, title, position)
		values (${p!.id}, ${municipalityId}, 'Section', 1)
		returning id::int`;
	const [a] = await sql<{ id: number }[]>`
		insert into activity (local_plan_id, municipality_id, section_id, position, title)
		values (${p!.id}, ${municipalityId}, ${s!.id}, 1, 'Activity')
		returning id::int`;
	// a draft's money never reaches the national figures
	await sql`
		insert into budget_line (activity_id, municipality_id, year, amount, source, donor_name, marker, gender_share, justification)
		values (${a!.id}, ${municipalityId}, 2025, 9999.00, 'local_budget', '', 2, 100, 'why')`;
	if (state !== 'draft')
		await sql`
			update local_plan
			set state = ${state}, approved_at = ${state === 'approved' ? new Date() : null}
			where id = ${p!.id}`;
	return p!.id;
}

const line = (amount: string, source: string, genderShare: string, spent?: string) => ({
	id: Math.floor(Math.random() * 1e6),
	year: 2025,
	amount,
	source,
	donorName: source === 'donor' ? 'UN Women' : '',
	marker: Number(genderShare) > 0 ? 2 : 0,
	genderShare,
	...(spent !== undefined ? { spent } : {})
});

// Ak-Turpak: approved here, its 2025 report submitted five days late, its 2025S1 report overdue in draft
const akPlan = await localPlan(akTurpak, 'approved');
await sql`
	insert into report (local_plan_id, municipality_id, period, year, period_start, period_end, due_date)
	values (${akPlan}, ${akTurpak}, '2025S1', 2025, '2025-01-01', '2025-06-30', '2025-07-15')`;
const akDocument: FeedDocument = {
	format: 'aiyl-plan/feed@1',
	kind: 'report',
	instance: 'https://aiyl.example.kg',
	municipality: {
		soate: SOATE.akTurpak,
		oblastCode: 'KG05',
		nameKy: 'Ак-Турпак',
		nameRu: 'Ак-Турпак'
	},
	plan: {
		id: akPlan,
		revisionOf: null,
		kind: 'gender_plan',
		title: 'Гендердик план',
		periodStart: 2025,
		periodEnd: 2026,
		contentHash: 'a'.repeat(64),
		approvedAt: '2025-04-07T10:00:00.000Z',
		decision: { number: '19', date: '2025-04-07' }
	},
	activities: [
		{
			id: 1,
			title: 'Адопция 1',
			measure: { planKey: catalogue!.key, measureId: catalogue!.m1, catalogueVersion: 1 },
			status: 'in_progress',
			budgetLines: [
				line('1000.00', 'local_budget', '100', '800.00'),
				line('500.00', 'unfunded', '0', '0.00')
			],
			indicators: []
		},
		{
			id: 2,
			title: 'Өз иш-чарасы',
			measure: null,
			status: 'not_started',
			budgetLines: [line('200.00', 'republican_budget', '50', '100.00')],
			indicators: []
		}
	],
	report: {
		id: 9,
		period: '2025',
		status: 'submitted',
		contentHash: 'b'.repeat(64),
		submittedAt: '2026-01-20T10:00:00.000Z',
		spent: '900.00',
		dueDate: '2026-01-15',
		reached: { women: 30, men: 10, girls: 0, boys: 0 },
		extraSpending: []
	},
	kenesh: { seats: 15, women: 5 }
};

// a municipality of Osh oblast known only from the feed of another instance; the measure's
// catalogue version (99) is not on this instance: it counts by its stable id all the same
const oshDocument: FeedDocument = {
	format: 'aiyl-plan/feed@1',
	kind: 'plan',
	instance: 'https://osh.example.kg',
	municipality: { soate: oshA!.soate, oblastCode: 'KG06', nameKy: 'Ош айылы', nameRu: 'Ошское' },
	plan: {
		id: 501,
		revisionOf: null,
		kind: 'development_programme',
		title: 'Өнүгүү программасы',
		periodStart: 2025,
		periodEnd: 2027,
		contentHash: 'c'.repeat(64),
		approvedAt: '2025-05-01T10:00:00.000Z',
		decision: { number: '7', date: '2025-05-01' }
	},
	activities: [
		{
			id: 11,
			title: 'Адопция 1',
			measure: { planKey: catalogue!.key, measureId: catalogue!.m1, catalogueVersion: 99 },
			budgetLines: [line('300.00', 'donor', '33.33')],
			indicators: []
		},
		{
			id: 12,
			title: 'Адопция 2, акчасыз',
			measure: { planKey: catalogue!.key, measureId: catalogue!.m2, catalogueVersion: 99 },
			budgetLines: [],
			indicators: []
		}
	],
	kenesh: { seats: 10, women: 4 }
};
await transaction(sql, (tx) => recordDocument(tx, akDocument, { origin: 'local' }));
await transaction(sql, (tx) => recordDocument(tx, oshDocument, { origin: 'feed' }));
// counts only: a draft in Batken, a submitted plan in Osh oblast
await localPlan(kyshtut, 'draft', 'development_programme');
await localPlan(oshB!.id, 'submitted', 'development_programme');

describe('the national table by oblast', () => {
	it('shows every oblast and both cities, with figures recomputed by hand', async () => {
		const { rows, totals } = await monitoring.overview(sql, national);
		const regions = await sql<{ n: number }[]>`
			select count(*)::int as n from territory where parent_id is null`;
		expect(rows).toHaveLength(regions[0]!.n);
		expect(rows.map((r) => r.statCode)).toEqual(
			expect.arrayContaining([
				'KG02',
				'KG03',
				'KG04',
				'KG05',
				'KG06',
				'KG07',
				'KG08',
				'KG11',
				'KG21'
			])
		);
		const known = async (id: number) =>
			(
				await sql<{ n: number }[]>`
					select count(*)::int as n from territory where region_id = ${id} and kind in ('municipality', 'town')`
			)[0]!.n;
		const b = rows.find((r) => r.id === batken)!;
		expect(b).toMatchObject({
			municipalities: await known(batken),
			drafts: 1,
			submitted: 0,
			approved: 1,
			// 1000.00 + 500.00 + 200.00; the draft's 9 999.00 is not there
			budget: '1700.00',
			// 1000.00 × 100 % + 200.00 × 50 %
			gender: '1100.00',
			// 1100 / 1700 = 64.705… %
			genderShare: '64.7',
			gap: '500.00',
			reports: 1,
			// submitted after its due date, and the 2025S1 report past due in draft
			late: 2,
			planned: '1700.00',
			spent: '900.00',
			// 900 / 1700 = 52.94… %
			execution: '52.9',
			seats: 15,
			womenSeats: 5,
			seatShare: '33.3',
			received: 0
		});
		const o = rows.find((r) => r.id === osh)!;
		expect(o).toMatchObject({
			municipalities: await known(osh),
			drafts: 0,
			submitted: 1,
			approved: 1,
			budget: '300.00',
			// 300.00 × 33.33 % = 99.99
			gender: '99.99',
			genderShare: '33.3',
			gap: '0.00',
			reports: 0,
			late: 0,
			execution: null,
			seats: 10,
			womenSeats: 4,
			seatShare: '40.0',
			received: 1
		});
		const issykKul = rows.find((r) => r.statCode === 'KG02')!;
		expect(issykKul).toMatchObject({
			approved: 0,
			budget: '0.00',
			genderShare: null,
			seatShare: null
		});
		expect(totals).toMatchObject({
			municipalities: await sql<{ n: number }[]>`
				select count(*)::int as n from territory where kind in ('municipality', 'town') and region_id is not null`.then(
				(r) => r[0]!.n
			),
			drafts: 1,
			submitted: 1,
			approved: 2,
			budget: '2000.00',
			gender: '1199.99',
			// 1199.99 / 2000 = 59.9995 % → 60.0 (half up)
			genderShare: '60.0',
			gap: '500.00',
			late: 2,
			execution: '52.9',
			seats: 25,
			womenSeats: 9,
			seatShare: '36.0',
			received: 1
		});
	});

	it('sorts by a figure, highest first, by GET parameters', async () => {
		const { rows } = await monitoring.overview(sql, national, { sort: 'seat_share', dir: 'desc' });
		expect(rows.slice(0, 2).map((r) => r.id)).toEqual([osh, batken]);
		const asc = await monitoring.overview(sql, national, { sort: 'budget', dir: 'asc' });
		expect(asc.rows.at(-1)!.id).toBe(batken);
	});
});

describe('the coverage matrix', () => {
	it('counts adoption, budgeting, reporting and the amount per measure and oblast', async () => {
		const c = await monitoring.coverage(sql, national, { plan: catalogue!.key });
		expect(c.plan!.key).toBe(catalogue!.key);
		const node = (id: string) => c.nodes.find((n) => n.stableId === id)!;
		expect(node(catalogue!.m1).cells).toEqual({
			[String(batken)]: { adopted: 1, budgeted: 1, reporting: 1, amount: '1500.00' },
			[String(osh)]: { adopted: 1, budgeted: 1, reporting: 0, amount: '300.00' }
		});
		expect(node(catalogue!.m1).total).toEqual({
			adopted: 2,
			budgeted: 2,
			reporting: 1,
			amount: '1800.00'
		});
		expect(node(catalogue!.m2).cells).toEqual({
			[String(osh)]: { adopted: 1, budgeted: 0, reporting: 0, amount: '0.00' }
		});
		// without a choice, the plan most municipalities adopted from
		expect((await monitoring.coverage(sql, national)).plan!.key).toBe(catalogue!.key);
		// the tree in order: every measure sits below a chapter, headers first
		expect(c.nodes[0]!.level).toBe('chapter');
		expect(c.nodes.every((n) => (n.level === 'measure') === (n.cells !== null))).toBe(true);
	});

	it('shows a measure nobody adopted as such, and filters to those', async () => {
		const c = await monitoring.coverage(sql, national, { plan: catalogue!.key });
		const m3 = c.nodes.find((n) => n.stableId === catalogue!.m3)!;
		expect(m3.cells).toEqual({});
		expect(m3.total).toEqual({ adopted: 0, budgeted: 0, reporting: 0, amount: '0.00' });
		const measures = c.nodes.filter((n) => n.level === 'measure');
		expect(c.measures).toBe(measures.length);
		expect(c.unadopted).toBe(measures.length - 2);
		const only = await monitoring.coverage(sql, national, {
			plan: catalogue!.key,
			unadoptedOnly: true
		});
		const ids = only.nodes.filter((n) => n.level === 'measure').map((n) => n.stableId);
		expect(ids).toContain(catalogue!.m3);
		expect(ids).not.toContain(catalogue!.m1);
		expect(ids).not.toContain(catalogue!.m2);
		expect(ids).toHaveLength(c.unadopted);
	});

	it('drills down to the municipalities of an oblast that adopted a measure, with their СОАТЕ codes', async () => {
		const b = await monitoring.adopters(sql, national, {
			plan: catalogue!.key,
			measure: catalogue!.m1,
			oblast: 'KG05'
		});
		expect(b.rows.map((r) => [r.soate, r.origin, r.budget, r.reporting])).toEqual([
			[SOATE.akTurpak, 'local', '1500.00', true]
		]);
		const o = await monitoring.adopters(sql, national, {
			plan: catalogue!.key,
			measure: catalogue!.m1,
			oblast: 'KG06'
		});
		expect(o.rows.map((r) => [r.soate, r.origin, r.budget])).toEqual([
			[oshA!.soate, 'feed', '300.00']
		]);
		const none = await monitoring.adopters(sql, national, {
			plan: catalogue!.key,
			measure: catalogue!.m3,
			oblast: 'KG05'
		});
		expect(none.rows).toEqual([]);
	});
});

describe('the funding gap by national plan and WPS pillar', () => {
	it('sums the budget and the gap of adopted activities, the rest apart', async () => {
		const g = await monitoring.gaps(sql, national);
		const p = g.byPlan.find((x) => x.key === catalogue!.key)!;
		// 1000.00 + 500.00 (Ak-Turpak) + 300.00 (Osh); 500.00 unfunded: 27.77… %
		expect(p).toMatchObject({ budget: '1800.00', gap: '500.00', gapShare: '27.8' });
		expect(g.unlinked).toEqual({ budget: '200.00', gap: '0.00', gapShare: '0.0' });
		// the first measure's pillars (by the node of this instance, or its stable id in the current version)
		const [tags] = await sql<{ tags: string[] }[]>`
			select tags from measure_detail where node_id = ${catalogue!.m1Node}`;
		for (const row of g.byPillar) {
			const tagged = (tags?.tags ?? []).includes(`pillar:${row.pillar}`);
			expect(row).toMatchObject(
				tagged ? { budget: '1800.00', gap: '500.00' } : { budget: '0.00', gap: '0.00' }
			);
		}
		expect(g.byPillar.map((r) => r.pillar)).toEqual([
			'prevention',
			'participation',
			'protection',
			'relief_recovery'
		]);
	});
});

describe('who sees the national view', () => {
	it('an oblast representative and municipal staff get "not found"; national sees it', async () => {
		for (const actor of [oblastRep, staff]) {
			await expect(monitoring.overview(sql, actor)).rejects.toMatchObject({ status: 404 });
			await expect(monitoring.coverage(sql, actor, {})).rejects.toMatchObject({ status: 404 });
			await expect(monitoring.gaps(sql, actor)).rejects.toMatchObject({ status: 404 });
			await expect(
				monitoring.adopters(sql, actor, {
					plan: catalogue!.key,
					measure: catalogue!.m1,
					oblast: 'KG05'
				})
			).rejects.toMatchObject({ status: 404 });
			expect(monitoring.can(actor, 'read_national')).toBe(false);
		}
		expect(monitoring.can(national, 'read_national')).toBe(true);
		await expect(
			monitoring.coverage(sql, national, { plan: 'no-such-plan' })
		).rejects.toMatchObject({
			status: 404
		});
	});
});
