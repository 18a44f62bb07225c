/**
 * The monitoring figures (issue [12].3, [11].3): documents received from other instances count in
 * the oblast dashboard like local data, once, in the transaction that stores them; a document
 * older than the one recorded changes nothing; a roster change moves the seats at once.
 */
import { describe, expect, it } from 'vitest';
import * as feed from '../../src/lib/server/feed';
import * as monitoring from '../../src/lib/server/monitoring';
import * as kenesh from '../../src/lib/server/kenesh';
import { afterAll } from 'vitest';
import { connect } from '../../src/lib/server/db';
import { actorOf, demoDb } from './helpers';

const { sql, url } = await demoDb();
// ten connections of their own, for documents received at the same moment
const pools = Array.from({ length: 10 }, () => connect(url, { max: 1 }));
afterAll(() => Promise.all(pools.map((p) => p.end())));
const oblast = await actorOf(sql, 'batken.oblast');
const sender = await feed.createSenderKey(sql, 'municipal-test', 'A municipal instance');

// a Batken municipality with no plan and no roster on this instance: they come by the feed only
const [far] = await sql<{ id: number; soate: string }[]>`
	select t.id::int, t.soate_code as soate
	from territory t
	join territory r on r.id = t.region_id
	where r.stat_code = 'KG05'
		and t.kind = 'municipality'
		and not exists (select 1 from local_plan lp where lp.municipality_id = t.id)
		and not exists (select 1 from deputy d where d.municipality_id = t.id)
	order by t.soate_code
	limit 1`;

const hash = (c: string) => c.repeat(64);
function planDocument(o: {
	planId: number;
	revisionOf?: number | null;
	approvedAt: string;
	lines: { year: number; amount: string; source: string; genderShare: string; spent?: string }[];
	report?: { period: string; submittedAt: string; spent: string; dueDate: string };
	measure?: boolean;
}): feed.FeedDocument {
	return {
		format: 'aiyl-plan/feed@1',
		kind: o.report ? 'report' : 'plan',
		instance: 'https://far.example.kg',
		municipality: { soate: far!.soate, oblastCode: 'KG05', nameKy: 'Алыс', nameRu: 'Дальний' },
		plan: {
			id: o.planId,
			revisionOf: o.revisionOf ?? null,
			kind: 'gender_plan',
			title: 'Гендердик план',
			periodStart: 2025,
			periodEnd: 2026,
			contentHash: hash(String(o.planId % 10)),
			approvedAt: o.approvedAt,
			decision: { number: `${o.planId}-Т`, date: o.approvedAt.slice(0, 10) }
		},
		activities: [
			{
				id: 1,
				title: 'Иш-чара',
				measure: o.measure
					? { planKey: 'gender-nap-2018-2020', measureId: 'm-1', catalogueVersion: 1 }
					: null,
				...(o.report ? { status: 'in_progress' } : {}),
				budgetLines: o.lines.map((l, i) => ({
					id: i + 1,
					year: l.year,
					amount: l.amount,
					source: l.source,
					donorName: l.source === 'donor' ? 'UN Women' : '',
					marker: Number(l.genderShare) > 0 ? 2 : 0,
					genderShare: l.genderShare,
					...(o.report ? { spent: l.spent ?? '0.00' } : {})
				})),
				indicators: []
			}
		],
		...(o.report
			? {
					report: {
						id: 70,
						period: o.report.period,
						status: 'submitted' as const,
						contentHash: hash('e'),
						submittedAt: o.report.submittedAt,
						spent: o.report.spent,
						dueDate: o.report.dueDate,
						reached: { women: 40, men: 12, girls: 0, boys: 0 },
						extraSpending: []
					}
				}
			: {}),
		kenesh: { seats: 15, women: 5 }
	};
}

const post = (document: feed.FeedDocument, db = sql) => {
	const body = JSON.stringify(document);
	expect(feed.feedProblems(document)).toEqual([]);
	return feed.receiveFeed(db, {
		body,
		signature: feed.signatureHeader(sender.keyId, sender.secret, body, Date.now())
	});
};
const row = async () =>
	(await monitoring.dashboard(sql, oblast, { code: 'KG05' })).rows.find(
		(r) => r.municipalityId === far!.id
	)!;

describe('received documents in the oblast dashboard', () => {
	it('a failure after the receipt stores neither the document nor its figures', async () => {
		await sql`create function test_fail_figures() returns trigger language plpgsql as $$
			begin raise exception 'crash while counting'; end $$`;
		await sql`create trigger test_fail_figures after insert on monitoring_plan
			for each row execute function test_fail_figures()`;
		try {
			await expect(
				post(
					planDocument({
						planId: 500,
						approvedAt: '2026-02-01T09:00:00.000Z',
						lines: [{ year: 2025, amount: '1.00', source: 'local_budget', genderShare: '100' }]
					})
				)
			).rejects.toThrow('crash while counting');
		} finally {
			await sql`drop trigger test_fail_figures on monitoring_plan`;
			await sql`drop function test_fail_figures()`;
		}
		expect(await sql`select 1 from feed_received`).toHaveLength(0);
		expect(
			await sql`select 1 from monitoring_plan where municipality_id = ${far!.id}`
		).toHaveLength(0);
		expect((await row()).planState).toBe('none');
	});

	it('a received approved plan and its report count like a local one, recomputed by hand', async () => {
		// 1000.00 local at 100 %, 333.33 donor at 33.33 % (111.10), 500.00 unfunded in 2025
		const lines = [
			{
				year: 2025,
				amount: '1000.00',
				source: 'local_budget',
				genderShare: '100',
				spent: '800.00'
			},
			{ year: 2025, amount: '500.00', source: 'unfunded', genderShare: '0' },
			{ year: 2026, amount: '333.33', source: 'donor', genderShare: '33.33' }
		];
		expect(
			(await post(planDocument({ planId: 501, approvedAt: '2026-02-01T09:00:00.000Z', lines })))
				.summary
		).toMatchObject({ status: 'OK', imported: 1 });
		const report = planDocument({
			planId: 501,
			approvedAt: '2026-02-01T09:00:00.000Z',
			lines,
			measure: true,
			report: {
				period: '2025',
				submittedAt: '2026-03-01T10:00:00.000Z',
				spent: '800.00',
				dueDate: '2026-01-15'
			}
		});
		expect((await post(report)).summary.imported).toBe(1);
		// an earlier submission arriving late (another version of the period's report): changes nothing
		const earlier = structuredClone(report);
		earlier.report!.submittedAt = '2026-01-25T10:00:00.000Z';
		earlier.report!.spent = '1.00';
		expect((await post(earlier)).summary.imported).toBe(1);
		expect(await row()).toMatchObject({
			planState: 'approved',
			received: true,
			planId: null,
			planKind: 'gender_plan',
			decisionNumber: '501-Т',
			activities: 1,
			adopted: 1,
			budget: '1833.33',
			budgetByYear: { '2025': '1500.00', '2026': '333.33' },
			gender: '1111.10',
			genderShare: '60.6',
			gap: '500.00',
			lastPeriod: '2025',
			onTime: false,
			planned: '1500.00',
			spent: '800.00',
			execution: '53.3',
			reachedWomen: 40,
			reachedMen: 12,
			seats: 15,
			womenSeats: 5,
			seatShare: '33.3'
		});
		// a second delivery of the same document: ignored, nothing counted twice
		expect((await post(report)).summary).toMatchObject({ imported: 0, ignored: 1 });
		const { n } = (
			await sql<{ n: number }[]>`
			select count(*)::int as n from monitoring_plan where municipality_soate = ${far!.soate}`
		)[0]!;
		expect(n).toBe(1);
		const measures = await sql`
			select plan_key, measure_id, budget::text, gender::text, gap::text, reporting
			from monitoring_measure
			where municipality_soate = ${far!.soate}`;
		expect(measures).toEqual([
			{
				planKey: 'gender-nap-2018-2020',
				measureId: 'm-1',
				budget: '1833.33',
				gender: '1111.10',
				gap: '500.00',
				reporting: true
			}
		]);
	});

	it('a revision approved later replaces the plan and keeps its last report; an older document changes nothing', async () => {
		const revision = planDocument({
			planId: 502,
			revisionOf: 501,
			approvedAt: '2026-04-01T09:00:00.000Z',
			measure: true,
			lines: [{ year: 2026, amount: '200.00', source: 'local_budget', genderShare: '50' }]
		});
		await post(revision);
		expect(await row()).toMatchObject({
			decisionNumber: '502-Т',
			budget: '200.00',
			gender: '100.00',
			lastPeriod: '2025',
			spent: '800.00'
		});
		const { reporting } = (
			await sql<{ reporting: boolean }[]>`
			select reporting from monitoring_measure where municipality_soate = ${far!.soate}`
		)[0]!;
		expect(reporting).toBe(true);
		// the first version again, arriving late: older than what is recorded
		const late = planDocument({
			planId: 501,
			approvedAt: '2026-02-01T09:00:00.000Z',
			lines: [{ year: 2025, amount: '9.00', source: 'local_budget', genderShare: '0' }]
		});
		expect((await post(late)).summary.imported).toBe(1);
		expect((await row()).budget).toBe('200.00');
	});

	it('totals and the funding sources of the oblast count the received report', async () => {
		const d = await monitoring.dashboard(sql, oblast, { code: 'KG05' });
		const counted = d.rows.filter((r) => r.planState !== 'none');
		const sum = (k: 'budget' | 'gap') =>
			counted.reduce((s, r) => s + Math.round(Number(r[k]) * 100), 0) / 100;
		expect(Number(d.totals!.budget)).toBe(sum('budget'));
		expect(Number(d.totals!.gap)).toBe(sum('gap'));
		// the revision has no report of its own yet: the 2025 report's money by source
		expect(d.bySource.find((s) => s.source === 'local_budget')).toMatchObject({ spent: '800.00' });
	});
});

describe('at the same moment', () => {
	it('ten versions of a plan received in parallel, in any order: the newest is recorded, once', async () => {
		const versions = Array.from({ length: 10 }, (_, i) =>
			planDocument({
				planId: 600 + i,
				revisionOf: i ? 599 + i : null,
				approvedAt: `2026-05-${String(10 + i).padStart(2, '0')}T09:00:00.000Z`,
				measure: i % 2 === 0,
				lines: [{ year: 2026, amount: `${100 + i}.00`, source: 'local_budget', genderShare: '0' }]
			})
		);
		let release!: () => void;
		const barrier = new Promise<void>((resolve) => (release = resolve));
		// the newest first, the oldest last: arrival order is not decision order
		const results = versions.toReversed().map((doc, i) => barrier.then(() => post(doc, pools[i])));
		release();
		expect((await Promise.all(results)).every((r) => r.summary.imported === 1)).toBe(true);
		const rows = await sql<{ planId: number; budget: string }[]>`
			select plan_id::int, budget::text
			from monitoring_plan
			where municipality_soate = ${far!.soate}`;
		expect(rows).toEqual([{ planId: 609, budget: '109.00' }]);
		// the newest version adopted no national measure: none is left from the older ones
		expect(
			await sql`select 1 from monitoring_measure where municipality_soate = ${far!.soate}`
		).toHaveLength(0);
	});
});

describe('seats', () => {
	it("a roster change moves the municipality's seats at once", async () => {
		const [ak] = await sql<{ id: number; soate: string }[]>`
			select t.id::int, t.soate_code as soate
			from territory t
			where exists (select 1 from deputy d where d.municipality_id = t.id and d.active)
			order by t.id
			limit 1`;
		const staff = await actorOf(
			sql,
			(
				await sql<{ username: string }[]>`
					select u.username
					from app_user u
					join membership m on m.user_id = u.id
					where m.role = 'staff'
						and m.territory_id = ${ak!.id}
					limit 1`
			)[0]!.username
		);
		const before = await sql<{ seats: number; women: number }[]>`
			select count(*)::int as seats, (count(*) filter (where sex = 'female'))::int as women
			from deputy
			where municipality_id = ${ak!.id}
				and active`;
		await kenesh.addDeputy(sql, staff, await kenesh.rosterScope(sql, ak!.id), {
			fullName: 'Айгүл Токтогулова',
			sex: 'female',
			termStart: '',
			termEnd: '',
			isSecretary: false,
			username: ''
		});
		const [seats] = await sql<{ seats: number; women: number; origin: string }[]>`
			select seats, women, origin from monitoring_seats where municipality_soate = ${ak!.soate}`;
		expect(seats).toEqual({
			seats: before[0]!.seats + 1,
			women: before[0]!.women + 1,
			origin: 'local'
		});
	});
});
