/**
 * Reports across plan versions (issue [10] item 1) on real PostgreSQL: Kyshtut's approved plan is
 * revised and the revision approved by the kenesh; the revision carries reporting on from the
 * periods its older version did not report, the older version's reports stay on it and readable,
 * and the superseded version starts no report and changes none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as reports from '../../src/lib/server/reports';
import * as approval from '../../src/lib/server/approval';
import { isDomainError } from '../../src/lib/server/errors';
import { actorOf, reportsDemoDb, territoryId, SOATE } from './helpers';

const { sql, boss } = await reportsDemoDb();
afterAll(() => boss.stop({ graceful: false }));

const staff = await actorOf(sql, 'kyshtut.staff');
const secretary = await actorOf(sql, 'kyshtut.deputy');
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const { id: oldId } = (
	await sql<{ id: number }[]>`
	select id from local_plan where municipality_id = ${kyshtut} and state = 'approved' order by id limit 1`
)[0]!;
const TODAY = '2026-12-02';

const refusal = async (p: Promise<unknown>) => {
	try {
		await p;
		return 'allowed';
	} catch (e) {
		if (isDomainError(e)) return `${e.status} ${e.code}`;
		throw e;
	}
};
const activitiesOf = async (planId: number) =>
	(
		await sql<{ id: number }[]>`
			select a.id from activity a join plan_section s on s.id = a.section_id
			where a.local_plan_id = ${planId} order by s.position, a.position, a.id`
	).map((a) => a.id);
const work = (activityId: number): reports.ActivityReportInput => ({
	activityId,
	status: 'in_progress',
	reason: '',
	reasonText: '',
	narrative: 'Иш жүрүп жатат.',
	problems: '',
	actuals: {},
	spending: {}
});

// the revision, approved by the kenesh with every active deputy present and voting for
const before = await reports.reportList(sql, staff, oldId, { today: TODAY });
const newId = await approval.startRevision(sql, staff, oldId);
expect(await approval.submit(sql, staff, newId)).toEqual({ problems: [] });
const roster = (
	await sql<{ id: number }[]>`select id from deputy where municipality_id = ${kyshtut} and active`
).map((d) => d.id);
await approval.recordSession(sql, boss, secretary, newId, {
	sessionDate: '2026-11-20',
	presentDeputyIds: roster,
	votesFor: roster.length,
	votesAgainst: 0,
	votesAbstained: 0,
	decisionNumber: '31',
	outcome: 'approved'
});

describe('a revision approved later carries reporting on', () => {
	it('a period submitted on the older version shows on the newer one as reported there, not as due again', async () => {
		const list = await reports.reportList(sql, staff, newId, { today: TODAY });
		const old2025 = before.periods.find((p) => p.code === '2025')!;
		const p2025 = list.periods.find((p) => p.code === '2025')!;
		expect([p2025.state, p2025.reportedOn, p2025.reportId]).toEqual(['submitted', oldId, null]);
		expect(p2025.contentHash).toBe(old2025.contentHash);
		expect(list.carriedFrom).toBe(oldId);
		expect(list.supersededBy).toBeNull();
		const page = await reports.reportPage(sql, staff, newId, '2025', { today: TODAY });
		expect([page.state, page.reportedOn, page.canEdit, page.report, page.content]).toEqual([
			'submitted',
			oldId,
			false,
			null,
			null
		]);
		const [first] = await activitiesOf(newId);
		expect(
			await refusal(reports.saveActivity(sql, staff, newId, '2025', work(first!), { today: TODAY }))
		).toBe('409 report_version_reported_before');
		expect(
			await sql`select 1 from report where local_plan_id = ${newId} and period = '2025'`
		).toHaveLength(0);
	});

	it('the periods not reported yet are the newer version’s: same schedule, due or late there, and its staff report them', async () => {
		const list = await reports.reportList(sql, staff, newId, { today: TODAY });
		// the older version reported 2026 by half-years; the revision carries that on
		expect(list.periods.map((p) => p.code)).toEqual(before.periods.map((p) => p.code));
		const s1 = list.periods.find((p) => p.code === '2026S1')!;
		expect([s1.state, s1.reportedOn]).toEqual(['late', null]);
		const [first] = await activitiesOf(newId);
		await reports.saveActivity(sql, staff, newId, '2026S1', work(first!), { today: TODAY });
		await reports.submitReport(sql, staff, newId, '2026S1', { today: TODAY });
		const after = (await reports.reportList(sql, staff, newId, { today: TODAY })).periods.find(
			(p) => p.code === '2026S1'
		)!;
		expect([after.state, after.reportedOn]).toEqual(['submitted', null]);
		// a year the older version started reporting keeps its frequency on the newer one too
		expect(
			await refusal(
				reports.setSchedule(sql, staff, newId, { year: 2025, frequency: 'quarter', dueDays: 15 })
			)
		).toBe('409 error_report_schedule_fixed');
	});

	it('the older version’s reports stay on it and remain readable', async () => {
		const list = await reports.reportList(sql, staff, oldId, { today: TODAY });
		const p2025 = list.periods.find((p) => p.code === '2025')!;
		expect([p2025.state, p2025.reportId, p2025.reportedOn]).toEqual([
			'submitted',
			before.periods.find((p) => p.code === '2025')!.reportId,
			null
		]);
		expect(list.supersededBy).toBe(newId);
		expect(list.canEdit).toBe(false);
		const page = await reports.reportPage(sql, secretary, oldId, '2025', { today: TODAY });
		expect(page.content?.sections.length).toBeGreaterThan(0);
		expect([page.superseded, page.canCorrect]).toEqual([true, false]);
	});

	it('the superseded version starts no report, no correction and no schedule, and its draft is not changed: refused with 409', async () => {
		const [first] = await activitiesOf(oldId);
		const count = async () =>
			(await sql`select 1 from report where local_plan_id = ${oldId}`).length;
		const reportsBefore = await count();
		expect(
			await refusal(
				reports.saveActivity(sql, staff, oldId, '2026S2', work(first!), { today: TODAY })
			)
		).toBe('409 report_version_superseded');
		expect(
			await refusal(
				reports.saveActivity(sql, staff, oldId, '2026S1', work(first!), { today: TODAY })
			)
		).toBe('409 report_version_superseded');
		expect(await refusal(reports.submitReport(sql, staff, oldId, '2026S1', { today: TODAY }))).toBe(
			'409 report_version_superseded'
		);
		expect(await refusal(reports.startCorrection(sql, staff, oldId, '2025'))).toBe(
			'409 report_version_superseded'
		);
		expect(
			await refusal(
				reports.setSchedule(sql, staff, oldId, { year: 2027, frequency: 'quarter', dueDays: 15 })
			)
		).toBe('409 report_version_superseded');
		expect(await count()).toBe(reportsBefore);
	});
});
