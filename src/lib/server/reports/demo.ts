import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { loadActor } from '../auth/actor';
import * as territories from '../territories';
import { KYSHTUT_SOATE } from '../approval/demo';
import { addExtraSpending, saveActivity, setSchedule, submitReport } from './reports';
import { addEvidence, setEvidencePublic } from './evidence';
import { demoAct, demoPhoto } from './demo-files';

/**
 * What Kyshtut reports on its approved plan, activity by activity (in the plan's order): the status,
 * the 2025 actuals [women, men] and what was spent of each 2025 line with the women and girls it
 * reached. Spending stays below plan; the shelter is cancelled for lack of funding. The figures of
 * the summary are worked out by hand in tests/db/reports.test.ts.
 */
const KYSHTUT_2025 = [
	{
		status: 'done',
		narrative: 'Жумушчу топ түзүлүп, жыл ичинде төрт жыйын өттү.',
		actual: ['11', '9'],
		spent: '38500',
		reached: [38, 0]
	},
	{
		status: 'cancelled',
		reason: 'no_funding',
		narrative: 'Бөлмөнү оңдоого каражат бөлүнгөн жок.',
		problems: 'Жергиликтүү бюджеттин кирешеси пландан аз түштү.',
		actual: null,
		spent: null,
		reached: null
	},
	{
		status: 'done',
		narrative: 'Аялдар кеңеши алты иш-чара өткөрдү.',
		actual: ['17', '4'],
		spent: '60000',
		reached: [45, 12]
	},
	{
		status: 'in_progress',
		narrative: 'Квота боюнча түшүндүрүү жыйындары башталды.',
		actual: ['6', '14'],
		spent: '9000',
		reached: [6, 0]
	},
	{
		status: 'done',
		narrative: 'ФАПта консультациялык пункт ачылды.',
		actual: ['12', '5'],
		spent: '82500.50',
		reached: [30, 8]
	}
] as const;

/** When Kyshtut submitted its 2025 report: 12 January 2026, 10:00 in Bishkek, before it was due. */
export const KYSHTUT_2025_SUBMITTED = new Date('2026-01-12T10:00:00+06:00');

/**
 * Kyshtut's reports on its approved plan: the annual report for 2025, submitted (with a donor's
 * training nobody planned), and a draft for the first half of 2026, which reports half-yearly; that
 * draft is late once 15 July 2026 has passed (Kyshtut is the Batken oblast municipality with a late report). Needs the approved plan; safe to run again.
 */
export async function seedReportsDemo(sql: Sql, boss?: PgBoss): Promise<void> {
	const mu = await territories.bySoate(sql, KYSHTUT_SOATE);
	const [user] = await sql<
		{ id: number }[]
	>`select id from app_user where username = 'kyshtut.staff'`;
	if (!mu || !user) return;
	const staff = await loadActor(sql, user.id);
	const [plan] = await sql<{ id: number }[]>`
		select id from local_plan where municipality_id = ${mu.id} and state = 'approved' order by id limit 1`;
	if (!staff || !plan) return;
	const [started] = await sql`select 1 from report where local_plan_id = ${plan.id}`;
	if (started) return;
	const activities = await sql<{ id: number; lineId: number | null; indicatorId: number | null }[]>`
		select a.id,
			(select b.id from budget_line b where b.activity_id = a.id and b.year = 2025 order by b.id limit 1) as line_id,
			(select i.id from indicator i where i.activity_id = a.id order by i.position, i.id limit 1) as indicator_id
		from activity a join plan_section s on s.id = a.section_id
		where a.local_plan_id = ${plan.id}
		order by s.position, a.position, a.id`;
	for (const [i, a] of activities.entries()) {
		const r = KYSHTUT_2025[i];
		if (!r) break;
		await saveActivity(sql, staff, plan.id, '2025', {
			activityId: a.id,
			status: r.status,
			reason: 'reason' in r ? r.reason : '',
			reasonText: '',
			narrative: r.narrative,
			problems: 'problems' in r ? r.problems : '',
			actuals:
				r.actual && a.indicatorId
					? { [a.indicatorId]: { female: r.actual[0], male: r.actual[1] } }
					: {},
			spending:
				r.spent && r.reached && a.lineId
					? {
							[a.lineId]: {
								spent: r.spent,
								women: r.reached[0],
								men: null,
								girls: r.reached[1],
								boys: null
							}
						}
					: {}
		});
	}
	await addExtraSpending(sql, staff, plan.id, '2025', {
		activityId: activities[2]?.id ?? null,
		description: 'Аял лидерлер үчүн тренинг (UN Women каржылады)',
		spent: '25000',
		source: 'donor',
		donorName: 'UN Women',
		marker: 1,
		genderShare: '60'
	});
	// a photo of the women's council's event (public) and the signed act of the works (not public);
	// an approved plan has an activity (submission refuses a plan without one)
	const photo = await addEvidence(sql, staff, plan.id, '2025', {
		activityId: activities[2]?.id ?? activities[0]!.id,
		fileName: 'аялдар-кеңеши-жыйын.png',
		bytes: demoPhoto()
	});
	await setEvidencePublic(sql, staff, plan.id, '2025', photo.id, true);
	await addEvidence(sql, staff, plan.id, '2025', {
		activityId: activities[4]?.id ?? activities[0]!.id,
		fileName: 'кабыл-алуу-акты.pdf',
		bytes: demoAct()
	});
	// a fixed day, so the demo reads the same whenever it is seeded
	await submitReport(sql, staff, plan.id, '2025', { at: KYSHTUT_2025_SUBMITTED, boss });

	await setSchedule(sql, staff, plan.id, { year: 2026, frequency: 'half_year', dueDays: 15 });
	const first = activities[0];
	if (first)
		await saveActivity(
			sql,
			staff,
			plan.id,
			'2026S1',
			{
				activityId: first.id,
				status: 'in_progress',
				reason: '',
				reasonText: '',
				narrative: 'Жумушчу топ эки жолу чогулду.',
				problems: '',
				actuals: {},
				spending: {}
			},
			{ today: '2026-07-01' }
		);
}
