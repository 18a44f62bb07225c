import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { loadActor } from '../auth/actor';
import * as territories from '../territories';
import { adoptMeasures, createPlan, saveBudgetLine, saveIndicator, updateActivity } from '../plans';
import { recordSession, submit } from './index';

export const KYSHTUT_SOATE = '41705214835000';

/**
 * The measures Kyshtut adopted, with the indicator and yearly budget (local budget, marker 2) it gave
 * each; the indicator's yearly targets for women and men, [female, male] in 2025, 2026, 2027.
 */
const KYSHTUT_ACTIVITIES: {
	measure: string;
	title: string;
	indicator: string;
	targets: [string, string][];
	amounts: [string, string, string];
}[] = [
	{
		measure: 'w25.m5.l3',
		title:
			'Кыштут айыл аймагында 1325-резолюция боюнча жергиликтүү жумушчу топ түзүү жана анын ишин камсыз кылуу',
		indicator: 'Жумушчу топтун жыйындарына катышкандар',
		targets: [
			['12', '8'],
			['20', '15'],
			['28', '22']
		],
		amounts: ['40000.00', '45000.00', '45000.00']
	},
	{
		measure: 'w25.m3.l1',
		title:
			'Таян айылында зомбулуктан жабыр тарткан аялдар үчүн убактылуу баш калкалоочу бөлмө ачуу',
		indicator: 'Баш калкалоочу жайдан жардам алгандар',
		targets: [
			['18', '2'],
			['32', '3'],
			['45', '5']
		],
		amounts: ['180000.00', '120000.00', '120000.00']
	},
	{
		measure: 'g25.m6.2',
		title: 'Аялдар кеңешинин коомдук иш-чараларын жергиликтүү бюджеттен каржылоо',
		indicator: 'Аялдар кеңешинин иш-чараларына катышкандар',
		targets: [
			['15', '5'],
			['25', '10'],
			['35', '15']
		],
		amounts: ['60000.00', '60000.00', '70000.00']
	},
	{
		measure: 'g25.m9.2',
		title:
			'Айылдык кеңештин шайлоосунда жана айыл өкмөтүнүн кызматтарында 30% квотаны сактоого көмөктөшүү',
		indicator: 'Айыл өкмөтүнүн кызматкерлери',
		targets: [
			['6', '14'],
			['7', '13'],
			['8', '12']
		],
		amounts: ['15000.00', '15000.00', '15000.00']
	},
	{
		measure: 'g25.m8.1',
		title:
			'Кыштуттагы ФАПтын базасында зомбулуктан жабыр тарткандар үчүн консультациялык пункт уюштуруу',
		indicator: 'Консультация алган адамдар',
		targets: [
			['14', '6'],
			['24', '11'],
			['34', '16']
		],
		amounts: ['90000.00', '90000.00', '95000.00']
	}
];

async function actor(sql: Sql, username: string) {
	const [u] = await sql<{ id: number }[]>`select id from app_user where username = ${username}`;
	return u ? loadActor(sql, u.id) : null;
}

/** A Kyshtut plan, titled in Kyrgyz and Russian; each adopted activity keeps the catalogue's Russian text. */
async function buildPlan(
	sql: Sql,
	staffUsername: string,
	title: { ky: string; ru: string },
	kind: string,
	activities: typeof KYSHTUT_ACTIVITIES
): Promise<number | null> {
	const mu = await territories.bySoate(sql, KYSHTUT_SOATE);
	const staff = await actor(sql, staffUsername);
	if (!mu || !staff) return null;
	const [exists] =
		await sql`select 1 from local_plan where municipality_id = ${mu.id} and title = ${title.ky}`;
	if (exists) return null;
	const planId = await createPlan(sql, staff, {
		municipalityId: mu.id,
		kind,
		title: title.ky,
		titleRu: title.ru,
		periodStart: 2025,
		periodEnd: 2027,
		sections: ['Тынчтык жана коопсуздук', 'Аялдардын катышуусу'],
		sectionsRu: ['Мир и безопасность', 'Участие женщин'],
		envelopes: [
			{ year: 2025, amount: '500000' },
			{ year: 2026, amount: '450000' },
			{ year: 2027, amount: '450000' }
		]
	});
	const sections = (
		await sql<
			{ id: number }[]
		>`select id from plan_section where local_plan_id = ${planId} order by position`
	).map((s) => s.id);
	for (const [i, a] of activities.entries()) {
		const [node] = await sql<
			{ id: number }[]
		>`select n.id from plan_node n join catalogue_version v on v.id = n.version_id and v.is_current where n.stable_id = ${a.measure}`;
		if (!node) continue;
		// the plan's two sections, created above; a measure the new plan has not adopted yet is added
		const activityId = (
			await adoptMeasures(sql, staff, planId, {
				sectionId: sections[i < 2 ? 0 : 1]!,
				measureNodeIds: [node.id]
			})
		).added[0]!;
		await updateActivity(sql, staff, activityId, {
			title: a.title,
			reason: '',
			responsible: 'Кыштут айыл өкмөтү',
			partners: '',
			targetGroups: 'Аялдар жана кыздар',
			startYear: 2025,
			startQuarter: 2,
			endYear: 2027,
			endQuarter: 4,
			rowVersion: 1
		});
		const targets = Object.fromEntries(
			a.targets.map(([female, male], y) => [2025 + y, { female, male }])
		);
		await saveIndicator(sql, staff, activityId, {
			name: a.indicator,
			unit: 'адам',
			kind: 'count',
			bySex: true,
			byAge: false,
			byDisability: false,
			dataSource: 'Айыл өкмөтүнүн отчету',
			baseline: { female: '0', male: '0' },
			targets
		});
		for (const [y, amount] of a.amounts.entries()) {
			await saveBudgetLine(sql, staff, activityId, {
				year: 2025 + y,
				amount,
				source: 'local_budget',
				donorName: '',
				classificationCode: '',
				marker: 2,
				genderShare: '',
				justification: 'Толугу менен аялдар менен кыздарга багытталган',
				beneficiariesWomen: '40',
				beneficiariesMen: '',
				beneficiariesGirls: '10',
				beneficiariesBoys: ''
			});
		}
	}
	return planId;
}

/**
 * Kyshtut's approved plan, with the kenesh session that approved it, and a second Kyshtut plan
 * submitted and awaiting the kenesh. Needs the demo accounts and Kyshtut's roster; safe to run again.
 */
export async function seedReviewDemo(sql: Sql, boss: PgBoss): Promise<void> {
	const approvedId = await buildPlan(
		sql,
		'kyshtut.staff',
		{
			ky: 'Кыштут айыл аймагынын 2025–2027-жылдарга 1325-резолюция боюнча жергиликтүү планы',
			ru: 'Местный план Кыштутского айылного аймака по резолюции 1325 на 2025–2027 годы'
		},
		'wps_plan',
		KYSHTUT_ACTIVITIES
	);
	const secretary = await actor(sql, 'kyshtut.deputy');
	const staff = await actor(sql, 'kyshtut.staff');
	if (approvedId && secretary && staff) {
		await submit(sql, staff, approvedId);
		const mu = (await territories.bySoate(sql, KYSHTUT_SOATE))!;
		const roster = (
			await sql<
				{ id: number }[]
			>`select id from deputy where municipality_id = ${mu.id} and active order by id`
		).map((d) => d.id);
		if (roster.length >= 3) {
			const present = roster.slice(0, Math.floor(roster.length / 2) + 2);
			await recordSession(sql, boss, secretary, approvedId, {
				sessionDate: '2025-04-15',
				presentDeputyIds: present,
				votesFor: present.length - 1,
				votesAgainst: 0,
				votesAbstained: 1,
				decisionNumber: '7',
				outcome: 'approved'
			});
		}
	}
	const submittedId = await buildPlan(
		sql,
		'kyshtut.staff',
		{
			ky: 'Кыштут: аялдардын экономикалык мүмкүнчүлүктөрү боюнча план 2025–2027',
			ru: 'Кыштут: план по экономическим возможностям женщин на 2025–2027 годы'
		},
		'gender_plan',
		KYSHTUT_ACTIVITIES.slice(2)
	);
	if (submittedId && staff) await submit(sql, staff, submittedId);
}
