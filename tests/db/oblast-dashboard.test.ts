/**
 * The oblast dashboard (issue [12].1) on a small hand-made set in Batken oblast: Ak-Turpak's
 * approved plan with a late 2025 report, Kyshtut's draft gender plan, every other municipality
 * without a plan. Every figure is recomputed here by hand.
 */
import { describe, expect, it } from 'vitest';
import * as monitoring from '../../src/lib/server/monitoring';
import { spendingSummary } from '../../src/lib/reports/summary';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
await sql`delete from local_plan`;
await sql`delete from deputy`;
const akTurpak = await territoryId(sql, SOATE.akTurpak);
const kyshtut = await territoryId(sql, SOATE.kyshtut);

async function plan(municipalityId: number, kind: string) {
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
	const line = async (
		year: number,
		amount: string,
		source: string,
		marker: number,
		share: string
	) => {
		const [b] = await sql<{ id: number }[]>`
			insert into budget_line (activity_id, municipality_id, year, amount, source, donor_name, marker, gender_share, justification)
			values (${a!.id}, ${municipalityId}, ${year}, ${amount}, ${source}, ${source === 'donor' ? 'UN Women' : ''},
				${marker}, ${share}, 'why')
			returning id::int`;
		return b!.id;
	};
	return { id: p!.id, line };
}

async function deputies(municipalityId: number, women: number, men: number) {
	for (let i = 0; i < women + men; i++)
		await sql`
			insert into deputy (municipality_id, full_name, sex)
			values (${municipalityId}, ${'Deputy ' + i}, ${i < women ? 'female' : 'male'})`;
}

// Ak-Turpak: 1000.00 local (marker 2), 500.00 unfunded (marker 0) in 2025; 333.33 donor at 33.33 % in 2026
const ak = await plan(akTurpak, 'gender_plan');
const local = await ak.line(2025, '1000.00', 'local_budget', 2, '100');
await ak.line(2025, '500.00', 'unfunded', 0, '0');
await ak.line(2026, '333.33', 'donor', 1, '33.33');
await sql`
	insert into local_plan_envelope (local_plan_id, municipality_id, year, amount)
	values (${ak.id}, ${akTurpak}, 2025, 2000.00)`;
const [report] = await sql<{ id: number }[]>`
	insert into report (local_plan_id, municipality_id, period, year, period_start, period_end, due_date)
	values (${ak.id}, ${akTurpak}, '2025', 2025, '2025-01-01', '2025-12-31', '2026-01-15')
	returning id::int`;
await sql`
	insert into report_spending (report_id, budget_line_id, municipality_id, spent, reached_women, reached_men)
	values (${report!.id}, ${local}, ${akTurpak}, 800.00, 30, 10)`;
await sql`
	insert into report_extra_spending (report_id, municipality_id, description, spent, source, marker, gender_share)
	values (${report!.id}, ${akTurpak}, 'Chairs', 100.00, 'local_budget', 0, 0)`;
await sql`
	update report
	set state = 'submitted', submitted_at = '2026-01-20T10:00:00Z', content_hash = ${'a'.repeat(64)}, snapshot = '{}'
	where id = ${report!.id}`;
// a half-year report long past its due date, never submitted: overdue, and its draft figures count nowhere
await sql`
	insert into report (local_plan_id, municipality_id, period, year, period_start, period_end, due_date)
	values (${ak.id}, ${akTurpak}, '2025S1', 2025, '2025-01-01', '2025-06-30', '2025-07-15')`;
await sql`update local_plan set state = 'approved', approved_at = now() where id = ${ak.id}`;
await deputies(akTurpak, 3, 2);

// Kyshtut: a draft with 200.00 republican at 50 %, no report
const ky = await plan(kyshtut, 'development_programme');
await ky.line(2025, '200.00', 'republican_budget', 1, '50');
await deputies(kyshtut, 1, 3);

const oblast = await actorOf(sql, 'batken.oblast');
const national = await actorOf(sql, 'national');
const staff = await actorOf(sql, 'akturpak.staff');

describe('the oblast dashboard', () => {
	it('batken.oblast gets 404 on /oblast/KG06', async () => {
		await expect(monitoring.dashboard(sql, oblast, { code: 'KG06' })).rejects.toMatchObject({
			status: 404
		});
		await expect(monitoring.dashboard(sql, staff, { code: 'KG06' })).rejects.toMatchObject({
			status: 404
		});
		await expect(monitoring.dashboard(sql, oblast, { code: 'KG99' })).rejects.toMatchObject({
			status: 404
		});
		expect((await monitoring.dashboard(sql, national, { code: 'KG06' })).oblast.statCode).toBe(
			'KG06'
		);
	});

	it('recomputes every figure of a municipality by hand', async () => {
		const d = await monitoring.dashboard(sql, oblast, { code: 'kg05' });
		const municipalities = await sql`
			select 1 from territory where region_id = ${d.oblast.id} and kind in ('municipality', 'town')`;
		expect(d.rows).toHaveLength(municipalities.length);
		const a = d.rows.find((r) => r.municipalityId === akTurpak)!;
		expect(a).toMatchObject({
			planId: ak.id,
			planState: 'approved',
			planKind: 'gender_plan',
			activities: 1,
			budget: '1833.33',
			budgetByYear: { '2025': '1500.00', '2026': '333.33' },
			// 1000.00 + 333.33 × 33.33 % = 1000.00 + 111.10
			gender: '1111.10',
			genderShare: '60.6',
			gap: '500.00',
			envelope: '2000.00',
			envelopeUse: '50.0',
			lastPeriod: '2025',
			onTime: false,
			overduePeriod: '2025S1',
			planned: '1500.00',
			spent: '900.00',
			execution: '60.0',
			reachedWomen: 30,
			reachedMen: 10,
			reachedGirls: null,
			seats: 5,
			womenSeats: 3,
			seatShare: '60.0'
		});
		// the same execution as the report's own summary
		const summary = spendingSummary([
			{ source: 'local_budget', planned: '1000.00', spent: '800.00', genderShare: '100' },
			{ source: 'unfunded', planned: '500.00', spent: null, genderShare: '0' },
			{ source: 'local_budget', planned: '0.00', spent: '100.00', genderShare: '0' }
		]);
		expect(a.execution).toBe(summary.total.rate);
		const k = d.rows.find((r) => r.municipalityId === kyshtut)!;
		expect(k).toMatchObject({ planState: 'draft', budget: '200.00', gender: '100.00' });
		expect(k).toMatchObject({ genderShare: '50.0', lastPeriod: null, onTime: null });
		expect(k).toMatchObject({ seatShare: '25.0' });
		expect(d.rows.filter((r) => r.planState === 'none')).toHaveLength(d.rows.length - 2);
	});

	it('a third plan in the oblast lets staff see the median beside their row', async () => {
		const other = await sql<{ id: number }[]>`
			select id::int from territory
			where region_id = (select region_id from territory where id = ${akTurpak})
				and kind = 'municipality' and id not in (${akTurpak}, ${kyshtut})
			order by soate_code limit 1`;
		const third = await plan(other[0]!.id, 'gender_plan');
		await third.line(2025, '100.00', 'local_budget', 1, '10');
		try {
			const d = await monitoring.dashboard(sql, staff, { code: 'KG05' });
			// 60.6, 50.0 and 10.0: the middle one
			expect(d.median?.genderShare).toBe('50.0');
			expect(d.rows.map((r) => r.municipalityId)).toEqual([akTurpak]);
		} finally {
			await sql`delete from local_plan where id = ${third.id}`;
		}
	});

	it('sums the rows shown and takes the oblast’s medians over the municipalities with a plan', async () => {
		const d = await monitoring.dashboard(sql, oblast, { code: 'KG05' });
		expect(d.totals).toMatchObject({
			budget: '2033.33',
			gender: '1211.10',
			// 1211.10 / 2033.33 = 59.56 %
			genderShare: '59.6',
			gap: '500.00',
			planned: '1500.00',
			spent: '900.00',
			execution: '60.0',
			// 4 women of 9 seats
			seatShare: '44.4'
		});
		expect(d.median).toMatchObject({
			genderShare: '55.3',
			execution: '60.0',
			budget: '1016.67'
		});
		expect(d.bySource).toEqual([
			{ source: 'local_budget', planned: '1000.00', spent: '900.00' },
			{ source: 'unfunded', planned: '500.00', spent: '0.00' }
		]);
	});

	it('filters late reports, states and kinds, and sorts by gender share', async () => {
		const late = await monitoring.dashboard(sql, oblast, { code: 'KG05', late: true });
		expect(late.rows.map((r) => r.municipalityId)).toEqual([akTurpak]);
		expect(late.totals?.budget).toBe('1833.33');
		const drafts = await monitoring.dashboard(sql, oblast, { code: 'KG05', state: 'draft' });
		expect(drafts.rows.map((r) => r.municipalityId)).toEqual([kyshtut]);
		const kind = await monitoring.dashboard(sql, oblast, { code: 'KG05', kind: 'gender_plan' });
		expect(kind.rows.map((r) => r.municipalityId)).toEqual([akTurpak]);
		const sorted = await monitoring.dashboard(sql, oblast, { code: 'KG05', sort: 'gender_share' });
		expect(sorted.rows.slice(0, 2).map((r) => r.municipalityId)).toEqual([akTurpak, kyshtut]);
		const asc = await monitoring.dashboard(sql, oblast, {
			code: 'KG05',
			sort: 'gender_share',
			dir: 'asc'
		});
		expect(asc.rows.slice(0, 2).map((r) => r.municipalityId)).toEqual([kyshtut, akTurpak]);
	});

	it('municipal staff see only their own row, no totals, and the oblast’s median only when it hides the neighbours', async () => {
		const d = await monitoring.dashboard(sql, staff, { code: 'KG05' });
		expect(d.rows.map((r) => r.municipalityId)).toEqual([akTurpak]);
		expect(d.totals).toBeNull();
		expect(d.bySource).toEqual([]);
		// with only two plans in the oblast, the median would give Kyshtut's figures away
		expect(d.median).toBeNull();
		expect(monitoring.MIN_PEERS).toBe(3);
	});
});
