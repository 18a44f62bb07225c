/**
 * Implementation reports on real PostgreSQL: Kyshtut's demo reports on its approved plan, the
 * summary worked out by hand, the database's freeze of a submitted report, who may do what, and a
 * double submission raced on separate connections released by a barrier.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as reports from '../../src/lib/server/reports';
import * as users from '../../src/lib/server/users';
import { connect, type Sql } from '../../src/lib/server/db';
import { isDomainError } from '../../src/lib/server/errors';
import { contentHash } from '../../src/lib/server/content-hash';
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
const national = await actorOf(sql, 'national');
const otherStaff = await actorOf(sql, 'akturpak.staff');
const otherDeputy = await actorOf(sql, 'akturpak.deputy');
const admin = await actorOf(sql, 'admin');
await users.create(sql, admin, {
	username: 'osh.oblast',
	fullName: 'Ош облусунун өкүлү',
	password: 'long-enough-pass',
	role: { role: 'oblast', territoryId: await territoryId(sql, '41706000000000') }
});
const otherOblast = await actorOf(sql, 'osh.oblast');
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const { id: planId } = (
	await sql<{ id: number }[]>`
	select id from local_plan where municipality_id = ${kyshtut} and state = 'approved' order by id limit 1`
)[0]!;
const activities = (
	await sql<{ id: number }[]>`
		select a.id from activity a join plan_section s on s.id = a.section_id
		where a.local_plan_id = ${planId} order by s.position, a.position, a.id`
).map((a) => a.id);
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

const emptyActivity = (activityId: number): reports.ActivityReportInput => ({
	activityId,
	status: 'in_progress',
	reason: '',
	reasonText: '',
	narrative: '',
	problems: '',
	actuals: {},
	spending: {}
});

describe("Kyshtut's 2025 report", () => {
	it('its summary matches the figures worked out by hand: planned, spent, execution rate, gender-targeted spending and unspent, per source and in total', async () => {
		const page = await reports.reportPage(sql, deputy, planId, '2025', { today: TODAY });
		// five local-budget lines, marker 2, planned 40 000 + 180 000 + 60 000 + 15 000 + 90 000;
		// spent 38 500 + 0 (cancelled) + 60 000 + 9 000 + 82 500.50 = 190 000.50;
		// 190 000.50 / 385 000 = 49.35 % → 49.4; marker 2 counts all of it;
		// unspent 1 500 + 180 000 + 0 + 6 000 + 7 499.50 = 194 999.50
		expect(page.content!.summary.bySource.local_budget).toEqual({
			planned: '385000.00',
			spent: '190000.50',
			rate: '49.4',
			gender: '190000.50',
			unspent: '194999.50'
		});
		// UN Women's training: nobody planned it, marker 1 at 60 % → 15 000 of 25 000
		expect(page.content!.summary.bySource.donor).toEqual({
			planned: '0.00',
			spent: '25000.00',
			rate: null,
			gender: '15000.00',
			unspent: '0.00'
		});
		// 215 000.50 / 385 000 = 55.84 % → 55.8
		expect(page.content!.summary.total).toEqual({
			planned: '385000.00',
			spent: '215000.50',
			rate: '55.8',
			gender: '205000.50',
			unspent: '194999.50'
		});
		const [first, shelter] = page.content!.sections.flatMap((s) => s.activities);
		// 38 500 of 40 000 = 96.25 % → 96.3
		expect(first!.lines[0]).toMatchObject({ planned: '40000.00', spent: '38500.00', rate: '96.3' });
		expect(shelter).toMatchObject({ status: 'cancelled', reason: 'no_funding' });
		expect(shelter!.lines[0]).toMatchObject({ spent: null, rate: null, genderSpent: '0.00' });
	});

	it('shows the actuals by sex against the year’s targets with the share achieved, and the beneficiaries reached against planned', async () => {
		const page = await reports.reportPage(sql, national, planId, '2025', { today: TODAY });
		const first = page.content!.sections[0]!.activities[0]!;
		// target 2025: 12 women, 8 men; reached 11 and 9
		expect(first.indicators[0]).toMatchObject({
			target: { female: '12.00', male: '8.00', total: '20.00' },
			actual: { female: '11.00', male: '9.00', total: '20.00', derived: true },
			achieved: { female: '91.7', male: '112.5', total: '100.0' }
		});
		// planned 40 women and 10 girls a line on five lines; reached 38 + 45 + 6 + 30 women, 0 + 12 + 0 + 8 girls
		expect(page.content!.beneficiaries).toEqual({
			planned: { women: 200, men: null, girls: 50, boys: null },
			reached: { women: 119, men: null, girls: 20, boys: null }
		});
	});

	it('is submitted on a fixed past day with the SHA-256 of what it says, and the list flags the first half of 2026 as late', async () => {
		const [r] = await sql<
			{ snapshot: unknown; contentHash: string; state: string; submittedAt: Date }[]
		>`
			select snapshot, content_hash, state, submitted_at from report where local_plan_id = ${planId} and period = '2025'`;
		expect(r!.state).toBe('submitted');
		// the demo's day, not the day it was seeded
		expect(r!.submittedAt.toISOString()).toBe('2026-01-12T04:00:00.000Z');
		expect(contentHash(r!.snapshot)).toBe(r!.contentHash);
		const list = await reports.reportList(sql, oblast, planId, { today: TODAY });
		expect(list.periods.map((p) => [p.code, p.dueDate, p.state])).toEqual([
			['2025', '2026-01-15', 'submitted'],
			['2026S1', '2026-07-15', 'late'],
			['2026S2', '2027-01-15', 'due'],
			['2027', '2028-01-15', 'upcoming']
		]);
	});
});

describe('a submitted report is frozen', () => {
	it('the database refuses UPDATE and DELETE of the report and of its rows, and new rows in it', async () => {
		const [r] = await sql<{ id: number }[]>`
			select id from report where local_plan_id = ${planId} and period = '2025'`;
		await expect(
			sql`update report set due_date = due_date + 1 where id = ${r!.id}`
		).rejects.toThrow(/submitted and cannot change/);
		await expect(sql`delete from report where id = ${r!.id}`).rejects.toThrow(/submitted/);
		await expect(
			sql`update report_spending set spent = 1 where report_id = ${r!.id}`
		).rejects.toThrow(/submitted/);
		await expect(sql`delete from report_activity where report_id = ${r!.id}`).rejects.toThrow(
			/submitted/
		);
		await expect(
			sql`update report_extra_spending set spent = 1 where report_id = ${r!.id}`
		).rejects.toThrow(/submitted/);
		await expect(
			sql`insert into report_indicator_value (report_id, indicator_id, municipality_id, value)
				select ${r!.id}, i.id, i.municipality_id, 1 from indicator i join activity a on a.id = i.activity_id
				where a.local_plan_id = ${planId} limit 1`
		).rejects.toThrow(/submitted/);
		const [after] = await sql<{ n: number }[]>`
			select count(*)::int as n from report_activity where report_id = ${r!.id}`;
		expect(after!.n).toBe(5);
	});

	it('staff changing it are told when it was submitted (409)', async () => {
		expect(
			await refusal(reports.saveActivity(sql, staff, planId, '2025', emptyActivity(activities[0]!)))
		).toBe('409 error_report_submitted');
		expect(await refusal(reports.submitReport(sql, staff, planId, '2025'))).toBe(
			'409 error_report_submitted'
		);
	});
});

describe('who may do what with reports', () => {
	it('only the municipality’s staff fill and submit; deputies, the oblast, national, admin and other staff are refused and nothing is written', async () => {
		const before = await sql`select count(*)::int as n from report`;
		for (const who of [deputy, oblast, national, admin, otherStaff, otherOblast]) {
			expect(
				await refusal(
					reports.saveActivity(sql, who, planId, '2026S2', emptyActivity(activities[0]!), {
						today: TODAY
					})
				)
			).toBe('403 error_forbidden');
			expect(await refusal(reports.submitReport(sql, who, planId, '2026S2'))).toBe(
				'403 error_forbidden'
			);
		}
		expect(await sql`select count(*)::int as n from report`).toEqual(before);
	});

	it('deputies, the oblast and national read a submitted report; a draft only its staff; other territories nothing', async () => {
		for (const who of [deputy, oblast, national, staff])
			expect((await reports.reportPage(sql, who, planId, '2025')).content).not.toBeNull();
		expect((await reports.reportPage(sql, staff, planId, '2026S1')).content).not.toBeNull();
		for (const who of [deputy, oblast, national]) {
			const page = await reports.reportPage(sql, who, planId, '2026S1', { today: TODAY });
			expect(page.content).toBeNull();
			expect(page.state).toBe('late');
		}
		for (const who of [otherStaff, otherDeputy, otherOblast, null]) {
			expect(await refusal(reports.reportPage(sql, who, planId, '2025'))).toBe(
				'403 error_forbidden'
			);
			expect(await refusal(reports.reportList(sql, who, planId))).toBe('403 error_forbidden');
		}
	});
});

describe('comments on a submitted report', () => {
	it('deputies and the oblast comment on a spending line, staff are told; national, other territories and drafts are refused', async () => {
		const [line] = await sql<{ id: number }[]>`
			select id from budget_line where activity_id = ${activities[0]} and year = 2025`;
		const on = {
			targetKind: 'report_spending',
			targetId: line!.id,
			body: 'Калган 1 500 сом кайда?'
		};
		const id = await reports.addReportComment(sql, deputy, planId, '2025', on);
		await reports.addReportComment(sql, oblast, planId, '2025', {
			targetKind: 'report_activity',
			targetId: activities[1]!,
			body: 'Кийинки жылы каржылоо каралабы?'
		});
		const page = await reports.reportPage(sql, staff, planId, '2025');
		expect(page.comments.map((c) => [c.targetKind, c.targetId, c.body])).toEqual([
			['report_spending', line!.id, 'Калган 1 500 сом кайда?'],
			['report_activity', activities[1], 'Кийинки жылы каржылоо каралабы?']
		]);
		const told = await sql`
			select 1 from notification where user_id = ${staff.id} and kind = 'report_comment'`;
		expect(told.length).toBe(2);
		// the plan's own comment lists are untouched by report comments
		const [c] = await sql`select local_plan_id, report_id from comment where id = ${id}`;
		expect(Number(c!.localPlanId)).toBe(planId);
		for (const who of [national, otherDeputy, otherOblast])
			expect(await refusal(reports.addReportComment(sql, who, planId, '2025', on))).toBe(
				'403 error_forbidden'
			);
		expect(
			await refusal(
				reports.addReportComment(sql, deputy, planId, '2026S1', {
					targetKind: 'report_activity',
					targetId: activities[0]!,
					body: 'Эрте'
				})
			)
		).toBe('409 error_report_comment_draft');
		// a budget line of another year is not a line of this report
		const [other] = await sql<{ id: number }[]>`
			select id from budget_line where activity_id = ${activities[0]} and year = 2026`;
		expect(
			await refusal(
				reports.addReportComment(sql, deputy, planId, '2025', { ...on, targetId: other!.id })
			)
		).toBe('400 error_comment_target');
	});
});

describe('filling a report', () => {
	it('a cancelled or postponed activity needs a reason, "other" needs its text, and one sex without the other is refused', async () => {
		const at = (input: Partial<reports.ActivityReportInput>) =>
			refusal(
				reports.saveActivity(
					sql,
					staff,
					planId,
					'2026S2',
					{ ...emptyActivity(activities[1]!), ...input },
					{ today: TODAY }
				)
			);
		expect(await at({ status: 'cancelled' })).toBe('400 error_report_reason_required');
		expect(await at({ status: 'postponed', reason: 'other' })).toBe(
			'400 error_report_reason_text_required'
		);
		const [ind] = await sql<{ id: number }[]>`
			select id from indicator where activity_id = ${activities[1]}`;
		expect(await at({ actuals: { [ind!.id]: { female: '5' } } })).toBe(
			'400 error_indicator_sexes_both'
		);
		expect(
			await at({
				status: 'postponed',
				reason: 'moved_to_other_plan',
				actuals: { [ind!.id]: { female: '5', male: '1' } }
			})
		).toBe('allowed');
		const [row] = await sql`
			select v.value::text as value from report_indicator_value v join report r on r.id = v.report_id
			where r.period = '2026S2' and v.indicator_id = ${ind!.id} and v.sex = 'female'`;
		expect(row!.value).toBe('5.00');
	});

	it('a year’s frequency is fixed once one of its reports is started', async () => {
		expect(
			await refusal(
				reports.setSchedule(sql, staff, planId, { year: 2026, frequency: 'quarter', dueDays: 15 })
			)
		).toBe('409 error_report_schedule_fixed');
		expect(
			await refusal(
				reports.setSchedule(sql, staff, planId, { year: 2027, frequency: 'quarter', dueDays: 20 })
			)
		).toBe('allowed');
		const list = await reports.reportList(sql, staff, planId, { today: TODAY });
		expect(list.periods.filter((p) => p.year === 2027).map((p) => [p.code, p.dueDate])).toEqual([
			['2027Q1', '2027-04-20'],
			['2027Q2', '2027-07-20'],
			['2027Q3', '2027-10-20'],
			['2027Q4', '2028-01-20']
		]);
		// a period that has not begun cannot be started
		expect(
			await refusal(
				reports.saveActivity(sql, staff, planId, '2027Q1', emptyActivity(activities[0]!), {
					today: TODAY
				})
			)
		).toBe('409 error_report_period_not_begun');
	});
});

describe('schedule changes under concurrency', () => {
	it('ten changes of a year’s schedule at once run one after another: one schedule, the last one recorded', async () => {
		const choices = pools.map((_, i) => ({
			year: 2027,
			frequency: ['annual', 'half_year', 'quarter'][i % 3]!,
			dueDays: 10 + i
		}));
		let release!: () => void;
		const barrier = new Promise<void>((resolve) => (release = resolve));
		const runs = pools.map((db, i) =>
			barrier.then(() => reports.setSchedule(db, staff, planId, choices[i]!))
		);
		release();
		const settled = await Promise.allSettled(runs);
		expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
		const rows = await sql<{ frequency: string; dueDays: number }[]>`
			select frequency, due_days from report_schedule where local_plan_id = ${planId} and year = 2027`;
		expect(rows).toHaveLength(1);
		const events = await sql<{ after: { frequency: string; dueDays: number } }[]>`
			select after from audit_log
			where entity = 'report_schedule' and entity_id = ${`${planId}:2027`}
			order by id desc limit 10`;
		expect(events).toHaveLength(10);
		// the stored schedule is the one the last change recorded, not a mix of two changes
		expect(rows[0]).toEqual({
			frequency: events[0]!.after.frequency,
			dueDays: events[0]!.after.dueDays
		});
		const list = await reports.reportList(sql, staff, planId, { today: TODAY });
		const periods2027 = list.periods.filter((p) => p.year === 2027);
		expect(periods2027).toHaveLength({ annual: 1, half_year: 2, quarter: 4 }[rows[0]!.frequency]!);
		// the schedule the reminders below rely on
		await reports.setSchedule(sql, staff, planId, {
			year: 2027,
			frequency: 'quarter',
			dueDays: 20
		});
	});
});

describe('submission under concurrency', () => {
	it('ten submissions of one report at once give one submission; the others are refused with 409', async () => {
		let release!: () => void;
		const barrier = new Promise<void>((resolve) => (release = resolve));
		const runs = pools.map((db) =>
			barrier.then(() => reports.submitReport(db, staff, planId, '2026S2', { today: TODAY }))
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
		expect(refused).toEqual(Array(9).fill('409 error_report_submitted'));
		const events = await sql`
			select 1 from audit_log where entity = 'report' and action = 'submit'
				and entity_id = (select id::text from report where local_plan_id = ${planId} and period = '2026S2')`;
		expect(events).toHaveLength(1);
		const told = await sql`
			select 1 from notification where kind = 'report_submitted' and payload->>'period' = '2026S2'`;
		expect(told.length).toBeGreaterThan(0);
	});
});

describe('the public reads submitted reports only', () => {
	it('lists the submitted reports of an approved plan with their hash, never a draft, and gives each as it was submitted', async () => {
		const list = await reports.publicReports(sql, planId);
		const stored = await sql<
			{ id: number; period: string; state: string; contentHash: string | null }[]
		>`
			select id, period, state, content_hash from report where local_plan_id = ${planId} order by id`;
		const submitted = stored.filter((r) => r.state === 'submitted');
		const draft = stored.find((r) => r.state === 'draft');
		expect(submitted.length).toBeGreaterThan(0);
		expect(draft, 'the demo has a draft report too').toBeTruthy();
		expect(list.map((r) => [r.id, r.period, r.contentHash])).toEqual(
			submitted.map((r) => [r.id, r.period, r.contentHash])
		);
		const one = await reports.publicReport(sql, planId, submitted[0]!.id);
		const { snapshot } = (
			await sql`select snapshot from report where id = ${submitted[0]!.id}`
		)[0]!;
		expect(one.content).toEqual(snapshot);
		expect(contentHash(one.content)).toBe(one.contentHash);
		expect(await refusal(reports.publicReport(sql, planId, draft!.id))).toBe('404 error_not_found');
	});

	it('a plan that is not approved has no public reports', async () => {
		const { id: draftPlan } = (
			await sql<{ id: number }[]>`
			select id from local_plan where state <> 'approved' order by id limit 1`
		)[0]!;
		expect(await refusal(reports.publicReports(sql, draftPlan))).toBe('404 error_not_found');
	});
});

describe('reminders: staff hear once that a report is due within a week, and once that it is late', () => {
	const staffIds = async () =>
		(
			await sql<{ userId: number }[]>`
				select m.user_id from membership m join app_user u on u.id = m.user_id
				where m.role = 'staff' and m.territory_id = ${kyshtut} and u.is_active`
		).map((r) => r.userId);
	const announced = async (kind: string) =>
		(
			await sql<{ userId: number; period: string }[]>`
				select user_id, payload ->> 'period' as period from notification
				where kind = ${kind} and local_plan_id = ${planId} order by period, user_id`
		).map((r) => `${r.period} ${r.userId}`);
	const expected = async (today: string, pick: (p: reports.PeriodItem) => boolean) => {
		const { periods } = await reports.reportList(sql, staff, planId, { today });
		const users = await staffIds();
		return periods
			.filter(pick)
			.flatMap((p) => users.map((u) => `${p.code} ${u}`))
			.sort();
	};
	const soon = '2027-07-15';
	const later = '2027-07-25';

	it('a report due within 7 days is announced to each staff member once, however often the job runs', async () => {
		const want = await expected(
			soon,
			(p) => (p.state === 'due' || p.state === 'in_progress') && p.dueDate <= '2027-07-22'
		);
		expect(want.length, 'the schedule above leaves a report due on 20.07.2027').toBeGreaterThan(0);
		await reports.remind(sql, { today: soon });
		await reports.remind(sql, { today: soon });
		expect((await announced('report_due_soon')).sort()).toEqual(want);
	});

	it('two runs at once announce a late report once: the job takes its lock first', async () => {
		const want = await expected(later, (p) => p.state === 'late');
		expect(want.length).toBeGreaterThan(0);
		await Promise.all(pools.slice(0, 4).map((db) => reports.remind(db, { today: later })));
		expect((await announced('report_late')).sort()).toEqual(want);
	});

	it('a submitted report is announced to the deputies and to the oblast’s representative', async () => {
		const [n] = await sql<{ users: number[] }[]>`
			select array_agg(user_id order by user_id) as users from notification
			where kind = 'report_submitted' and local_plan_id = ${planId}`;
		expect(n!.users).toContain(deputy.id);
		expect(n!.users).toContain(oblast.id);
		expect(n!.users).not.toContain(otherOblast.id);
	});
});

describe('actuals in the breakdown of the targets', () => {
	it('an indicator by age band and disability takes its actuals by age band and disability, and they must add up to the total', async () => {
		const [ind] = await sql<{ id: number }[]>`
			select id from indicator where activity_id = ${activities[0]} order by position, id limit 1`;
		// the demo's indicators are by sex only; this one is turned into one by age and disability
		// behind the approved plan's freeze, as a plan approved with such an indicator would have it
		await sql.begin(async (tx) => {
			await tx`set local session_replication_role = replica`;
			await tx`update indicator set by_age = true, by_disability = true where id = ${ind!.id}`;
		});
		const save = (actuals: reports.ActivityReportInput['actuals']) =>
			refusal(
				reports.saveActivity(
					sql,
					staff,
					planId,
					'2026S1',
					{ ...emptyActivity(activities[0]!), actuals },
					{ today: TODAY }
				)
			);
		expect(
			await save({
				[ind!.id]: { female: '6', male: '4', age: { '18-29': '3', '30-59': '3', '60+': '3' } }
			})
		).toBe('400 error_indicator_age_sum');
		const refused = await reports
			.saveActivity(
				sql,
				staff,
				planId,
				'2026S1',
				{
					...emptyActivity(activities[0]!),
					actuals: {
						[ind!.id]: { female: '6', male: '4', disability: { with: '1', without: '2' } }
					}
				},
				{ today: TODAY }
			)
			.then(
				() => null,
				(e: unknown) => (isDomainError(e) ? `${e.code} ${e.field}` : String(e))
			);
		// the error is named beside the report page's field of that figure
		expect(refused).toBe(`error_indicator_disability_sum disabled_${ind!.id}`);
		expect(
			await save({
				[ind!.id]: {
					female: '6',
					male: '4',
					age: { '18-29': '5', '30-59': '3', '60+': '2' },
					disability: { with: '1', without: '9' }
				}
			})
		).toBe('allowed');
		const page = await reports.reportPage(sql, staff, planId, '2026S1', { today: TODAY });
		const shown = page
			.content!.sections.flatMap((s) => s.activities)
			.flatMap((a) => a.indicators)
			.find((i) => i.id === ind!.id)!;
		expect(shown).toMatchObject({ byAge: true, byDisability: true });
		expect(shown.actual).toMatchObject({
			total: '10.00',
			age: { '18-29': '5.00', '30-59': '3.00', '60+': '2.00' },
			disability: { with: '1.00', without: '9.00' }
		});
	});
});

describe('the kenesh heard a report', () => {
	const hear = (
		db: Sql,
		who: typeof staff | null,
		input: { heardOn: string; decisionNumber: string },
		code = '2025'
	) => refusal(reports.recordHearing(db, who, planId, code, input, { today: TODAY }));
	const good = { heardOn: '2026-02-10', decisionNumber: '12/3' };

	it('only the municipality’s kenesh secretary records it; staff, the oblast, national, admin and other deputies are refused and nothing is written', async () => {
		expect(deputy.memberships.some((m) => m.isSecretary)).toBe(true);
		for (const who of [staff, oblast, national, admin, otherDeputy, otherStaff, null])
			expect(await hear(sql, who, good)).toMatch(/^(401|403) /);
		const rows = await sql`select 1 from report_hearing`;
		expect(rows).toHaveLength(0);
	});

	it('a report not submitted, a date in the future or before the submission and a missing decision number are refused, beside the field', async () => {
		const field = async (input: { heardOn: string; decisionNumber: string }) => {
			try {
				await reports.recordHearing(sql, deputy, planId, '2025', input, { today: TODAY });
				return 'allowed';
			} catch (e) {
				return isDomainError(e) ? `${e.code} ${e.field ?? ''}` : String(e);
			}
		};
		expect(await hear(sql, deputy, good, '2026S1')).toBe('409 report_hearing_not_submitted');
		expect(await field({ ...good, decisionNumber: '  ' })).toBe(
			'report_hearing_decision_required decisionNumber'
		);
		expect(await field({ ...good, heardOn: '2026-12-03' })).toBe(
			'report_hearing_date_future heardOn'
		);
		// submitted on 12.01.2026
		expect(await field({ ...good, heardOn: '2026-01-11' })).toBe(
			'report_hearing_date_before_submission heardOn'
		);
		expect(await field({ ...good, heardOn: '10.02.2026' })).toBe(
			'report_hearing_date_required heardOn'
		);
		expect(await sql`select 1 from report_hearing`).toHaveLength(0);
	});

	it('ten recordings at once give one hearing; the others are told it is recorded, and the list and the page show it', async () => {
		let release!: () => void;
		const barrier = new Promise<void>((resolve) => (release = resolve));
		const runs = pools.map((db, i) =>
			barrier.then(() => hear(db, deputy, { ...good, decisionNumber: `12/${i}` }))
		);
		release();
		const outcomes = await Promise.all(runs);
		expect(outcomes.filter((o) => o === 'allowed')).toHaveLength(1);
		expect(outcomes.filter((o) => o !== 'allowed')).toEqual(
			Array(9).fill('409 report_hearing_recorded')
		);
		const rows = await sql<{ heardOn: string; decisionNumber: string }[]>`
			select heard_on::text as heard_on, decision_number from report_hearing`;
		expect(rows).toHaveLength(1);
		expect(rows[0]!.heardOn).toBe('2026-02-10');
		const events = await sql`select 1 from audit_log where entity = 'report_hearing'`;
		expect(events).toHaveLength(1);
		const [report] = await sql<{ id: number }[]>`
			select id from report where local_plan_id = ${planId} and period = '2025'`;
		const hearings = await reports.hearingsOf(sql, planId);
		expect(hearings.get(report!.id)).toMatchObject({ heardOn: '2026-02-10' });
		// once: a second recording later is refused too
		expect(await hear(sql, deputy, { heardOn: '2026-03-01', decisionNumber: '15' })).toBe(
			'409 report_hearing_recorded'
		);
	});
});
