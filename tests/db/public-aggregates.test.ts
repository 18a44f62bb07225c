/**
 * The public aggregates (issue [12].5) on a small hand-made set: Ak-Turpak's approved plan with a
 * submitted 2025 report (and a draft report of 2026S1), Kyshtut's draft plan with a big budget,
 * and Kerben's plan received from another instance as a feed document. Every figure is recomputed
 * here by hand; the draft's money and its measure appear nowhere.
 */
import { describe, expect, it } from 'vitest';
import { transaction } from '../../src/lib/server/db';
import * as monitoring from '../../src/lib/server/monitoring';
import { rebuild, recordDocument } from '../../src/lib/server/monitoring/figures';
import { FEED_FORMAT, type FeedDocument } from '../../src/lib/server/feed/document';
import { demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
await sql`delete from local_plan`;
await sql`delete from deputy`;
await sql`delete from monitoring_seats`;
const akTurpak = await territoryId(sql, SOATE.akTurpak);
const kyshtut = await territoryId(sql, SOATE.kyshtut);

// two measures of the current version of the 2018–2020 gender plan: X adopted, Y only by the draft
const [x, y] = await sql<{ id: number; stableId: string; number: string; version: number }[]>`
	select n.id::int, n.stable_id, n.number, cv.number as version
	from plan_node n
	join catalogue_version cv on cv.id = n.version_id and cv.is_current
	join national_plan np on np.id = cv.plan_id
	where np.key = 'nap-gender-2018-2020'
		and n.level = 'measure'
	order by n.id
	limit 2`;

async function plan(municipalityId: number, kind: string) {
	const [p] = await sql<{ id: number }[]>`
		insert into local_plan (municipality_id, kind, title, period_start, period_end)
		values (${municipalityId}, ${kind}, 'План', 2025, 2026)
		returning id::int`;
	const [s] = await sql<{ id: number }[]>`
		insert into plan_section (local_plan_id, municipality_id, title, position)
		values (${p!.id}, ${municipalityId}, 'Бөлүм', 1)
		returning id::int`;
	const activity = async (position: number, measure: typeof x | null) => {
		const [a] = await sql<{ id: number }[]>`
			insert into activity (local_plan_id, municipality_id, section_id, position, title, measure_node_id, national_text)
			values (${p!.id}, ${municipalityId}, ${s!.id}, ${position}, 'Иш-чара', ${measure?.id ?? null},
				${measure ? 'Улуттук чара' : null})
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
					${marker}, ${share}, 'себеби')
				returning id::int`;
			return b!.id;
		};
		return { id: a!.id, line };
	};
	const approve = async () => {
		const [session] = await sql<{ id: number }[]>`
			insert into kenesh_session (local_plan_id, municipality_id, session_date, roster_size, present_deputy_ids,
				quorum_required, votes_for, votes_against, votes_abstained, decision_number, outcome)
			values (${p!.id}, ${municipalityId}, '2025-02-10', 5, array[]::bigint[], 3, 0, 0, 0, '7', 'approved')
			returning id::int`;
		await sql`
			insert into plan_approval (local_plan_id, municipality_id, session_id, decision_number, decision_date,
				approved_at, snapshot, content_hash)
			values (${p!.id}, ${municipalityId}, ${session!.id}, '7', '2025-02-10', '2025-02-10T10:00:00Z', '{}',
				${'b'.repeat(64)})`;
		await sql`
			update local_plan set state = 'approved', approved_at = '2025-02-10T10:00:00Z'
			where id = ${p!.id}`;
	};
	return { id: p!.id, activity, approve };
}

async function deputies(municipalityId: number, women: number, men: number) {
	for (let i = 0; i < women + men; i++)
		await sql`
			insert into deputy (municipality_id, full_name, sex)
			values (${municipalityId}, ${'Депутат ' + i}, ${i < women ? 'female' : 'male'})`;
}

// Ak-Turpak (Batken): measure X 1000.00 local at marker 2; a local activity of 500.00 unfunded
// (marker 0) in 2025 and 333.33 donor at 33.33 % in 2026
const ak = await plan(akTurpak, 'gender_plan');
const adopted = await ak.activity(1, x);
const local = await adopted.line(2025, '1000.00', 'local_budget', 2, '100');
const own = await ak.activity(2, null);
await own.line(2025, '500.00', 'unfunded', 0, '0');
await own.line(2026, '333.33', 'donor', 1, '33.33');
const [report] = await sql<{ id: number }[]>`
	insert into report (local_plan_id, municipality_id, period, year, period_start, period_end, due_date)
	values (${ak.id}, ${akTurpak}, '2025', 2025, '2025-01-01', '2025-12-31', '2026-01-15')
	returning id::int`;
await sql`
	insert into report_activity (report_id, activity_id, municipality_id, status)
	values (${report!.id}, ${adopted.id}, ${akTurpak}, 'in_progress'), (${report!.id}, ${own.id}, ${akTurpak}, 'not_started')`;
await sql`
	insert into report_spending (report_id, budget_line_id, municipality_id, spent)
	values (${report!.id}, ${local}, ${akTurpak}, 800.00)`;
await ak.approve();
await sql`
	update report
	set state = 'submitted', submitted_at = '2026-01-10T10:00:00Z', content_hash = ${'a'.repeat(64)}, snapshot = '{}'
	where id = ${report!.id}`;
// a draft report of the next half-year: it counts nowhere
await sql`
	insert into report (local_plan_id, municipality_id, period, year, period_start, period_end, due_date)
	values (${ak.id}, ${akTurpak}, '2026S1', 2026, '2026-01-01', '2026-06-30', '2026-07-15')`;
await deputies(akTurpak, 3, 2);

// Kyshtut (Batken): a draft with a big budget on measure Y
const ky = await plan(kyshtut, 'development_programme');
const draftActivity = await ky.activity(1, y);
await draftActivity.line(2025, '9999999.00', 'local_budget', 2, '100');
await deputies(kyshtut, 1, 3);

// what this instance decided: Ak-Turpak's plan and report, the rosters
await rebuild(sql);

// Kerben (Jalal-Abad), received from another instance: a WPS plan on measure X, its 2025 report
const kerben: FeedDocument = {
	format: FEED_FORMAT,
	kind: 'report',
	instance: 'https://aksy.example.kg',
	municipality: { soate: SOATE.kerben, oblastCode: 'KG03', nameKy: 'Кербен', nameRu: 'Кербен' },
	plan: {
		id: 41,
		revisionOf: null,
		kind: 'wps_plan',
		title: 'АТК планы',
		periodStart: 2025,
		periodEnd: 2027,
		contentHash: 'c'.repeat(64),
		approvedAt: '2025-03-01T08:00:00.000Z',
		decision: { number: '12', date: '2025-03-01' }
	},
	activities: [
		{
			id: 900,
			title: 'Аялдар кеңеши',
			measure: {
				planKey: 'nap-gender-2018-2020',
				measureId: x!.stableId,
				catalogueVersion: x!.version
			},
			status: 'done',
			budgetLines: [
				{
					id: 901,
					year: 2025,
					amount: '2000.00',
					source: 'local_budget',
					donorName: '',
					marker: 1,
					genderShare: '50.00',
					spent: '1500.00'
				}
			],
			indicators: []
		}
	],
	report: {
		id: 77,
		period: '2025',
		status: 'submitted',
		contentHash: 'd'.repeat(64),
		submittedAt: '2026-01-12T08:00:00.000Z',
		spent: '1500.00',
		dueDate: '2026-01-15'
	},
	kenesh: { seats: 10, women: 4 }
};
await transaction(sql, (tx) => recordDocument(tx, kerben, { origin: 'feed' }));

describe('the public aggregates', () => {
	it('recomputes the national and oblast figures by hand over approved plans and submitted reports', async () => {
		const { national, oblasts } = await monitoring.publicOblasts(sql);
		const regions = await sql`select 1 from territory where parent_id is null`;
		expect(oblasts).toHaveLength(regions.length);
		expect(oblasts.find((o) => o.statCode === 'KG05')).toMatchObject({
			plans: 1,
			municipalities: 1,
			budget: '1833.33',
			// 1000.00 + 333.33 × 33.33 % = 1000.00 + 111.10
			gender: '1111.10',
			genderShare: '60.6',
			gap: '500.00',
			reports: 1,
			// Ak-Turpak's 3 of 5 and Kyshtut's 1 of 4: the rosters count whatever the plans' state
			seats: 9,
			womenSeats: 4,
			seatShare: '44.4'
		});
		expect(oblasts.find((o) => o.statCode === 'KG03')).toMatchObject({
			plans: 1,
			budget: '2000.00',
			gender: '1000.00',
			genderShare: '50.0',
			gap: '0.00',
			reports: 1,
			seats: 10,
			womenSeats: 4,
			seatShare: '40.0'
		});
		expect(oblasts.find((o) => o.statCode === 'KG07')).toMatchObject({
			plans: 0,
			budget: '0.00',
			genderShare: null,
			seats: 0,
			seatShare: null
		});
		expect(national).toEqual({
			plans: 2,
			municipalities: 2,
			budget: '3833.33',
			gender: '2111.10',
			// 2111.10 / 3833.33 = 55.07 %
			genderShare: '55.1',
			gap: '500.00',
			reports: 2,
			seats: 19,
			womenSeats: 8,
			// 8 / 19 = 42.105 %
			seatShare: '42.1'
		});
	});

	it('recomputes the coverage of a national plan by hand, local and received plans alike', async () => {
		const coverage = (await monitoring.publicCoverage(sql, { plan: 'nap-gender-2018-2020' }))!;
		expect(coverage.plan).toMatchObject({ key: 'nap-gender-2018-2020', version: x!.version });
		const { measures } = (
			await sql<{ measures: number }[]>`
			select count(*)::int as measures
			from plan_node n
			join catalogue_version cv on cv.id = n.version_id and cv.is_current
			join national_plan np on np.id = cv.plan_id
			where np.key = 'nap-gender-2018-2020' and n.level = 'measure'`
		)[0]!;
		expect(coverage.measures).toHaveLength(measures);
		expect(coverage.measures.find((m) => m.id === x!.stableId)).toEqual({
			id: x!.stableId,
			number: x!.number,
			titleKy: expect.any(String),
			titleRu: expect.any(String),
			adopted: 2,
			budget: '3000.00',
			reporting: 2,
			municipalities: [
				{
					soateCode: SOATE.kerben,
					nameKy: 'Кербен',
					nameRu: 'Кербен',
					oblastCode: 'KG03',
					activities: 1,
					budget: '2000.00',
					reporting: true
				},
				{
					soateCode: SOATE.akTurpak,
					nameKy: expect.any(String),
					nameRu: expect.any(String),
					oblastCode: 'KG05',
					activities: 1,
					budget: '1000.00',
					reporting: true
				}
			]
		});
		// every other measure, Y among them, is adopted by nobody
		const others = coverage.measures.filter((m) => m.id !== x!.stableId);
		expect(others.every((m) => m.adopted === 0 && m.budget === '0.00' && m.reporting === 0)).toBe(
			true
		);
		expect(others.find((m) => m.id === y!.stableId)?.municipalities).toEqual([]);
	});

	it('an unknown plan key has no coverage', async () => {
		expect(await monitoring.publicCoverage(sql, { plan: 'no-such-plan' })).toBeNull();
	});

	it('public endpoints never count drafts: the draft’s budget and its measure appear nowhere', async () => {
		const everything = JSON.stringify([
			await monitoring.publicOblasts(sql),
			...(await Promise.all(
				(await sql<{ key: string }[]>`select key from national_plan`).map((p) =>
					monitoring.publicCoverage(sql, { plan: p.key })
				)
			))
		]);
		expect(everything).not.toContain('9999999');
		expect(everything).not.toContain(SOATE.kyshtut);
		// Y's row exists (the plan's every measure is listed), with nobody under it
		expect(everything).toContain(y!.stableId);
	});

	it('once the kenesh approves the draft, it counts', async () => {
		await ky.approve();
		await rebuild(sql);
		const { oblasts } = await monitoring.publicOblasts(sql);
		expect(oblasts.find((o) => o.statCode === 'KG05')).toMatchObject({
			plans: 2,
			budget: '10001832.33',
			reports: 1
		});
		const coverage = (await monitoring.publicCoverage(sql, { plan: 'nap-gender-2018-2020' }))!;
		expect(coverage.measures.find((m) => m.id === y!.stableId)).toMatchObject({
			adopted: 1,
			budget: '9999999.00',
			reporting: 0
		});
	});
});
