/**
 * Corrections of a submitted report (issue [10] item 8) on real PostgreSQL: the next version
 * starts as a copy of the submitted one, which stays frozen and readable; the page shows what the
 * correction changed; the list, the public and the hearing read the right version; one correction
 * of a period is open at a time, raced on separate connections released by a barrier.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as reports from '../../src/lib/server/reports';
import { connect, type Sql } from '../../src/lib/server/db';
import { isDomainError } from '../../src/lib/server/errors';
import { actorOf, reportsDemoDb, territoryId, SOATE } from './helpers';

const { sql, url, boss } = await reportsDemoDb();

const pools: Sql[] = Array.from({ length: 10 }, () => connect(url, { max: 1 }));
await Promise.all(pools.map((p) => p`select 1`));
afterAll(async () => {
	await Promise.all(pools.map((p) => p.end({ timeout: 5 })));
	await boss.stop({ graceful: false });
});

const staff = await actorOf(sql, 'kyshtut.staff');
const deputy = await actorOf(sql, 'kyshtut.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const otherStaff = await actorOf(sql, 'akturpak.staff');
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const { id: planId } = (
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

const versionsOf = (code: string) =>
	sql<{ id: number; version: number; state: string }[]>`
		select id, version, state from report where local_plan_id = ${planId} and period = ${code} order by version`;

describe('a correction of the 2025 report', () => {
	it('only the municipality’s staff start one; the deputy, the oblast and other staff are refused and nothing is written', async () => {
		for (const who of [deputy, oblast, otherStaff, null])
			expect(await refusal(reports.startCorrection(sql, who, planId, '2025'))).toBe(
				'403 error_forbidden'
			);
		expect((await versionsOf('2025')).map((r) => r.version)).toEqual([1]);
	});

	it('a report not submitted yet has no correction: its draft is edited instead', async () => {
		const [draft] = await sql<{ period: string }[]>`
			select period from report where local_plan_id = ${planId} and state = 'draft' limit 1`;
		expect(await refusal(reports.startCorrection(sql, staff, planId, draft!.period))).toBe(
			'409 report_version_not_submitted'
		);
		expect(await refusal(reports.startCorrection(sql, staff, planId, '2027'))).toBe(
			'409 report_version_not_submitted'
		);
	});

	it('ten starts at once give one draft, version 2; the others are told a correction is open (409)', async () => {
		let release!: () => void;
		const barrier = new Promise<void>((resolve) => (release = resolve));
		const runs = pools.map((db) =>
			barrier.then(() => reports.startCorrection(db, staff, planId, '2025'))
		);
		release();
		const settled = await Promise.allSettled(runs);
		const ok = settled.filter((s) => s.status === 'fulfilled');
		const refused = settled.flatMap((s) =>
			s.status === 'rejected'
				? [isDomainError(s.reason) ? `${s.reason.status} ${s.reason.code}` : String(s.reason)]
				: []
		);
		expect(ok).toHaveLength(1);
		expect(refused).toEqual(Array(9).fill('409 report_version_open'));
		expect((await versionsOf('2025')).map((r) => [r.version, r.state])).toEqual([
			[1, 'submitted'],
			[2, 'draft']
		]);
		// the database itself keeps one draft a period
		await expect(
			sql`update report set state = 'draft' where local_plan_id = ${planId} and period = '2025' and version = 1`
		).rejects.toThrow();
	});

	it('starts as a copy of what was submitted: the staff’s page shows version 2 with no change yet', async () => {
		const page = await reports.reportPage(sql, staff, planId, '2025', { today: TODAY });
		expect(page.report?.version).toBe(2);
		expect(page.canEdit).toBe(true);
		expect(page.canCorrect).toBe(false);
		expect(page.state).toBe('submitted');
		expect(page.changes).toEqual([]);
		const { snapshot } = (
			await sql`
			select snapshot from report where local_plan_id = ${planId} and period = '2025' and version = 1`
		)[0]!;
		const { sections, extras, summary } = snapshot as reports.ReportContent;
		// the copied unplanned spending has ids of its own
		const noIds = (xs: reports.ExtraLine[]) => xs.map(({ id: _id, ...x }) => x);
		expect(page.content!.sections).toEqual(sections);
		expect(noIds(page.content!.extras)).toEqual(noIds(extras));
		expect(page.content!.summary).toEqual(summary);
	});

	it('a changed spent amount and status show old → new; the deputy still reads version 1 until it is submitted', async () => {
		const before = await reports.reportPage(sql, staff, planId, '2025', { today: TODAY });
		const activity = before
			.content!.sections.flatMap((s) => s.activities)
			.find((a) => a.lines.some((l) => l.spent !== null && l.spent !== '0.00'))!;
		const line = activity.lines.find((l) => l.spent !== null && l.spent !== '0.00')!;
		await reports.saveActivity(
			sql,
			staff,
			planId,
			'2025',
			{
				activityId: activity.id,
				status: 'done',
				reason: '',
				reasonText: '',
				narrative: activity.narrative,
				problems: activity.problems,
				actuals: {},
				spending: {
					[line.id]: {
						spent: '41000',
						women: line.reached.women,
						men: line.reached.men,
						girls: line.reached.girls,
						boys: line.reached.boys
					}
				}
			},
			{ today: TODAY }
		);
		const page = await reports.reportPage(sql, staff, planId, '2025', { today: TODAY });
		expect(page.changes).toContainEqual(
			expect.objectContaining({ field: 'spent', old: line.spent, new: '41000.00' })
		);
		if (activity.status !== 'done')
			expect(page.changes).toContainEqual(
				expect.objectContaining({ field: 'status', old: activity.status, new: 'done' })
			);
		const read = await reports.reportPage(sql, deputy, planId, '2025', { today: TODAY });
		expect(read.report?.version).toBe(1);
		expect(read.versions.map((v) => v.version)).toEqual([1]);

		const first = (await versionsOf('2025'))[0]!;
		const { hash } = (
			await sql`select content_hash as hash from report where id = ${first.id}`
		)[0]!;
		await reports.submitReport(sql, staff, planId, '2025', {
			today: TODAY,
			at: new Date('2026-11-02T06:00:00Z')
		});
		const after = await reports.reportPage(sql, deputy, planId, '2025', { today: TODAY });
		expect(after.report?.version).toBe(2);
		expect(after.versions.map((v) => [v.version, v.state])).toEqual([
			[1, 'submitted'],
			[2, 'submitted']
		]);
		expect(after.changes).toContainEqual(
			expect.objectContaining({ field: 'spent', old: line.spent, new: '41000.00' })
		);
		// version 1 stays frozen and readable as it was submitted
		const old = await reports.reportPage(sql, deputy, planId, '2025', { today: TODAY, version: 1 });
		expect(old.report?.contentHash).toBe(hash);
		expect(old.changes).toEqual([]);
		expect(old.canCorrect).toBe(false);
		const oldLine = old
			.content!.sections.flatMap((s) => s.activities.flatMap((a) => a.lines))
			.find((l) => l.id === line.id)!;
		expect(oldLine.spent).toBe(line.spent);
		expect(
			await refusal(reports.reportPage(sql, deputy, planId, '2025', { today: TODAY, version: 3 }))
		).toBe('404 error_not_found');
	});

	it('the list, the public and the API read the latest submitted version; earlier ones are listed and readable', async () => {
		const list = await reports.reportList(sql, staff, planId, { today: TODAY });
		const p2025 = list.periods.find((p) => p.code === '2025')!;
		const [v1, v2] = await versionsOf('2025');
		expect([p2025.reportId, p2025.version, p2025.state, p2025.correcting]).toEqual([
			v2!.id,
			2,
			'submitted',
			false
		]);
		const pub = (await reports.publicReports(sql, planId)).filter((r) => r.period === '2025');
		expect(pub.map((r) => [r.id, r.version])).toEqual([[v2!.id, 2]]);
		expect(pub[0]!.previousVersions.map((v) => [v.id, v.version])).toEqual([[v1!.id, 1]]);
		expect((await reports.publicReport(sql, planId, v1!.id)).version).toBe(1);
	});

	it('while a correction is open the period stays reported, never late, and its staff see it as being corrected', async () => {
		await reports.startCorrection(sql, staff, planId, '2025');
		const p2025 = (await reports.reportList(sql, staff, planId, { today: TODAY })).periods.find(
			(p) => p.code === '2025'
		)!;
		expect([p2025.version, p2025.state, p2025.correcting]).toEqual([3, 'submitted', true]);
	});

	it('the hearing belongs to the version it was recorded on: the latest submitted one', async () => {
		await reports.recordHearing(
			sql,
			deputy,
			planId,
			'2025',
			{ heardOn: '2026-11-20', decisionNumber: '7/1' },
			{ today: TODAY }
		);
		const [, v2] = await versionsOf('2025');
		const hearings = await reports.hearingsOf(sql, planId);
		expect(hearings.get(v2!.id)?.decisionNumber).toBe('7/1');
	});
});
