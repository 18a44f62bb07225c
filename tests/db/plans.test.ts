import { describe, expect, it } from 'vitest';
import * as plans from '../../src/lib/server/plans';
import * as users from '../../src/lib/server/users';
import * as catalogue from '../../src/lib/server/catalogue';
import { ConflictError } from '../../src/lib/server/errors';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
const admin = await actorOf(sql, 'admin');
const staff = await actorOf(sql, 'akturpak.staff');
const deputy = await actorOf(sql, 'akturpak.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const national = await actorOf(sql, 'national');
const akTurpak = await territoryId(sql, SOATE.akTurpak);
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const issykKul = await territoryId(sql, SOATE.issykKulOblast);
const make = async (username: string, role: 'staff' | 'oblast', territoryId: number) => {
	await users.create(sql, admin, {
		username,
		fullName: username,
		password: 'long-enough-pass',
		role: { role, territoryId }
	});
	return actorOf(sql, username);
};
const staff2 = await make('akturpak.staff2', 'staff', akTurpak);
const kyshtutStaff = await make('kyshtut.specialist', 'staff', kyshtut);
const issykKulOblast = await make('issykkul.oblast', 'oblast', issykKul);

const measureId = async (stableId: string) =>
	(
		await sql<
			{ id: number }[]
		>`select n.id from plan_node n join catalogue_version v on v.id = n.version_id and v.is_current where n.stable_id = ${stableId}`
	)[0]!.id;

const planId = await plans.createPlan(sql, staff, {
	municipalityId: akTurpak,
	kind: 'gender_plan',
	title: 'Ак-Турпактын гендердик планы',
	periodStart: 2025,
	periodEnd: 2026,
	sections: ['Зомбулуктун алдын алуу', 'Катышуу'],
	envelopes: [
		{ year: 2025, amount: '100 000' },
		{ year: 2026, amount: '200000' }
	]
});
const [s1, s2] = (
	await sql<
		{ id: number }[]
	>`select id from plan_section where local_plan_id = ${planId} order by position`
).map((r) => r.id);
const { added } = await plans.adoptMeasures(sql, staff, planId, {
	sectionId: s1!,
	measureNodeIds: [await measureId('w25.m3.l1')]
});
const adopted = added[0];
const local = await plans.addLocalActivity(sql, staff, planId, {
	sectionId: s2!,
	title: 'Аял депутаттар үчүн тренинг'
});

const line = (over: Partial<plans.BudgetLineInput>): plans.BudgetLineInput => ({
	year: 2025,
	amount: '1000',
	source: 'local_budget',
	donorName: '',
	classificationCode: '',
	marker: 0,
	genderShare: '',
	justification: '',
	beneficiariesWomen: '',
	beneficiariesMen: '',
	beneficiariesGirls: '',
	beneficiariesBoys: '',
	...over
});
const indicator = (over: Partial<plans.IndicatorInput> = {}): plans.IndicatorInput => ({
	name: 'Кризистик борборго кайрылган аялдар',
	unit: 'адам',
	kind: 'count',
	baseline: '0',
	bySex: true,
	byAge: false,
	byDisability: false,
	dataSource: 'Айыл өкмөтүнүн отчету',
	targets: { 2025: { female: '12', male: '8' }, 2026: { female: '25', male: '15' } },
	...over
});
const lines = async (activityId: number) =>
	(await sql`select count(*)::int as n from budget_line where activity_id = ${activityId}`)[0]!.n;

describe('rules of the gender budget', () => {
	it('marker 1 or 2 needs an indicator disaggregated by sex', async () => {
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ marker: 1, genderShare: '40' }))
		).rejects.toMatchObject({ code: 'error_marker_needs_sex_indicator' });
		await plans.saveIndicator(
			sql,
			staff,
			adopted!,
			indicator({ name: 'Тренингдер', bySex: false })
		);
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ marker: 2, justification: 'Аялдар үчүн' }))
		).rejects.toMatchObject({ code: 'error_marker_needs_sex_indicator' });
		expect(await lines(adopted!)).toBe(0);
		await plans.saveIndicator(sql, staff, adopted!, indicator());
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ marker: 1, genderShare: '40' }))
		).resolves.toMatchObject({ id: expect.any(Number) });
	});

	it('marker 2 needs a written justification; marker 1 a share between 0 and 100', async () => {
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ marker: 2, justification: '  ' }))
		).rejects.toMatchObject({ code: 'error_marker2_justification' });
		for (const share of ['', '0', '100', 'көп', '-5']) {
			await expect(
				plans.saveBudgetLine(sql, staff, adopted!, line({ marker: 1, genderShare: share }))
			).rejects.toMatchObject({ code: 'error_gender_share' });
		}
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ marker: 3 }))
		).rejects.toMatchObject({ code: 'error_marker' });
	});

	it('the year lies in the plan period; amounts are not negative, not absurd and exact to the tyiyn', async () => {
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ year: 2027 }))
		).rejects.toMatchObject({ code: 'error_year_outside_period' });
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ amount: '-500' }))
		).rejects.toMatchObject({ code: 'error_money_negative' });
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ amount: '5000000000' }))
		).rejects.toMatchObject({ code: 'error_money_too_large' });
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ amount: '10,555' }))
		).rejects.toMatchObject({ code: 'error_money_too_precise' });
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ amount: 'бир миң' }))
		).rejects.toMatchObject({ code: 'error_money_format' });
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ source: 'donor' }))
		).rejects.toMatchObject({ code: 'error_donor_name_required' });
		await expect(
			plans.saveBudgetLine(sql, staff, adopted!, line({ source: 'oil_fund' }))
		).rejects.toMatchObject({ code: 'error_funding_source' });
		expect(await lines(adopted!)).toBe(1);
	});

	it('the last sex-disaggregated indicator cannot go while a marker needs it', async () => {
		const [ind] = await sql<
			{ id: number; rowVersion: number }[]
		>`select id, row_version from indicator where activity_id = ${adopted} and by_sex`;
		await expect(plans.deleteIndicator(sql, staff, adopted!, ind!.id)).rejects.toMatchObject({
			code: 'error_last_sex_indicator'
		});
		await expect(
			plans.saveIndicator(
				sql,
				staff,
				adopted!,
				indicator({ id: ind!.id, rowVersion: ind!.rowVersion, bySex: false })
			)
		).rejects.toMatchObject({ code: 'error_last_sex_indicator' });
		expect((await sql`select by_sex from indicator where id = ${ind!.id}`)[0]!.bySex).toBe(true);
	});

	it('activity timeline within the period, end not before start', async () => {
		const base = {
			title: 'X',
			reason: '',
			responsible: '',
			partners: '',
			targetGroups: '',
			rowVersion: 1
		};
		await expect(
			plans.updateActivity(sql, staff, local, {
				...base,
				startYear: 2026,
				startQuarter: 3,
				endYear: 2025,
				endQuarter: 1
			})
		).rejects.toMatchObject({ code: 'error_end_before_start' });
		await expect(
			plans.updateActivity(sql, staff, local, {
				...base,
				startYear: 2030,
				startQuarter: 1,
				endYear: null,
				endQuarter: null
			})
		).rejects.toMatchObject({ code: 'error_year_outside_period' });
	});
});

describe('summaries', () => {
	it('amounts by source, gender-targeted amount and share, funding gap, by plan and pillar — computed by hand', async () => {
		await sql`delete from budget_line where activity_id in (${adopted}, ${local})`;
		await plans.saveIndicator(sql, staff, local, indicator({ name: 'Катышкан аял депутаттар' }));
		await plans.saveBudgetLine(
			sql,
			staff,
			adopted!,
			line({
				year: 2025,
				amount: '100000',
				marker: 2,
				justification: 'Зомбулуктан жабыр тарткан аялдар үчүн'
			})
		);
		await plans.saveBudgetLine(
			sql,
			staff,
			adopted!,
			line({
				year: 2025,
				amount: '50000',
				source: 'donor',
				donorName: 'UN Women',
				marker: 1,
				genderShare: '40'
			})
		);
		await plans.saveBudgetLine(
			sql,
			staff,
			adopted!,
			line({ year: 2026, amount: '30000', source: 'unfunded' })
		);
		await plans.saveBudgetLine(sql, staff, local, line({ year: 2025, amount: '20000,50' }));
		await plans.saveBudgetLine(
			sql,
			staff,
			local,
			line({
				year: 2026,
				amount: '70 000',
				source: 'republican_budget',
				marker: 1,
				genderShare: '25'
			})
		);
		const { summary } = await plans.planView(sql, staff, planId);
		const [y2025, y2026] = summary.years;
		expect(y2025).toMatchObject({
			year: 2025,
			total: '170000.50',
			genderAmount: '120000.00',
			genderShare: '70.6',
			unfunded: '0.00',
			envelope: '100000.00',
			overEnvelope: true,
			bySource: {
				local_budget: '120000.50',
				donor: '50000.00',
				republican_budget: '0.00',
				unfunded: '0.00'
			}
		});
		expect(y2026).toMatchObject({
			year: 2026,
			total: '100000.00',
			genderAmount: '17500.00',
			genderShare: '17.5',
			unfunded: '30000.00',
			envelope: '200000.00',
			overEnvelope: false,
			bySource: { republican_budget: '70000.00', unfunded: '30000.00', local_budget: '0.00' }
		});
		expect(summary.total).toMatchObject({
			total: '270000.50',
			genderAmount: '137500.00',
			genderShare: '50.9',
			unfunded: '30000.00',
			envelope: '300000.00',
			overEnvelope: true,
			byPlan: { 'nap-1325-2025-2027-draft': '180000.00', local: '90000.50' },
			byPillar: { protection: '180000.00' }
		});
		expect(summary.activitiesByPlan).toEqual({ 'nap-1325-2025-2027-draft': 1, local: 1 });
	});

	it('exceeding the yearly envelope saves the line and warns', async () => {
		const result = await plans.saveBudgetLine(
			sql,
			staff,
			local,
			line({ year: 2026, amount: '250000' })
		);
		expect(result.warnings).toEqual([
			{
				code: 'warning_envelope_exceeded',
				params: { year: 2026, planned: '250000.00', envelope: '200000.00' }
			}
		]);
		await sql`delete from budget_line where id = ${result.id}`;
	});
});

describe('who may see and change a plan', () => {
	const snapshot = async () =>
		JSON.stringify(await sql`select * from activity where local_plan_id = ${planId} order by id`) +
		JSON.stringify(
			await sql`select b.* from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${planId} order by b.id`
		);

	it('a deputy or an oblast user cannot change a plan, and nothing changes', async () => {
		const before = await snapshot();
		for (const actor of [deputy, oblast, national, admin, kyshtutStaff]) {
			await expect(
				plans.updateActivity(sql, actor, local, {
					title: 'Hacked',
					reason: '',
					responsible: '',
					partners: '',
					targetGroups: '',
					startYear: null,
					startQuarter: null,
					endYear: null,
					endQuarter: null,
					rowVersion: 99
				})
			).rejects.toMatchObject({ status: 403 });
			await expect(
				plans.saveBudgetLine(sql, actor, local, line({ amount: '1' }))
			).rejects.toMatchObject({ status: 403 });
			await expect(
				plans.adoptMeasures(sql, actor, planId, {
					sectionId: s1!,
					measureNodeIds: [await measureId('g25.m6.2')]
				})
			).rejects.toMatchObject({ status: 403 });
			await expect(
				plans.deleteActivity(sql, actor, local, { rowVersion: 1 })
			).rejects.toMatchObject({ status: 403 });
			await expect(
				plans.createPlan(sql, actor, {
					municipalityId: akTurpak,
					kind: 'gender_plan',
					title: 'X',
					periodStart: 2025,
					periodEnd: 2025,
					sections: ['A'],
					envelopes: []
				})
			).rejects.toMatchObject({ status: 403 });
		}
		expect(await snapshot()).toBe(before);
	});

	it('staff of another municipality cannot even read a draft; the oblast reads its own municipalities only', async () => {
		await expect(plans.planView(sql, kyshtutStaff, planId)).rejects.toMatchObject({ status: 403 });
		await expect(plans.history(sql, kyshtutStaff, local)).rejects.toMatchObject({ status: 403 });
		await expect(plans.planView(sql, issykKulOblast, planId)).rejects.toMatchObject({
			status: 403
		});
		await expect(plans.planView(sql, null, planId)).rejects.toMatchObject({ status: 403 });
		await expect(plans.planView(sql, oblast, planId)).resolves.toBeTruthy();
		await expect(plans.planView(sql, deputy, planId)).resolves.toBeTruthy();
		await expect(
			plans.listForMunicipality(sql, kyshtutStaff, {
				municipalityId: akTurpak,
				regionId: (await plans.planRef(sql, planId)).regionId
			})
		).rejects.toMatchObject({ status: 403 });
	});
});

describe('no lost work', () => {
	const fields = {
		reason: '',
		responsible: '',
		partners: '',
		targetGroups: '',
		startYear: null,
		startQuarter: null,
		endYear: null,
		endQuarter: null
	};

	it('when two people edit the same activity, the second save is refused and says what changed', async () => {
		const { rowVersion } = (
			await sql<{ rowVersion: number }[]>`select row_version from activity where id = ${local}`
		)[0]!;
		await plans.updateActivity(sql, staff, local, {
			...fields,
			title: 'Аял депутаттар үчүн окутуу',
			responsible: 'Айыл өкмөтүнүн катчысы',
			rowVersion
		});
		const second = plans.updateActivity(sql, staff2, local, {
			...fields,
			title: 'Аялдар үчүн тренинг',
			rowVersion
		});
		await expect(second).rejects.toBeInstanceOf(ConflictError);
		const error = (await second.catch((e) => e)) as ConflictError;
		expect(error.status).toBe(409);
		expect(error.changed).toEqual(expect.arrayContaining(['title', 'responsible']));
		expect(error.current).toMatchObject({
			title: 'Аял депутаттар үчүн окутуу',
			responsible: 'Айыл өкмөтүнүн катчысы'
		});
		expect((await sql`select title from activity where id = ${local}`)[0]!.title).toBe(
			'Аял депутаттар үчүн окутуу'
		);
	});

	it('budget lines carry the same check', async () => {
		const [b] = await sql<
			{ id: number; rowVersion: number }[]
		>`select id, row_version from budget_line where activity_id = ${local} order by id limit 1`;
		await plans.saveBudgetLine(
			sql,
			staff,
			local,
			line({ id: b!.id, rowVersion: b!.rowVersion, amount: '21000' })
		);
		await expect(
			plans.saveBudgetLine(
				sql,
				staff2,
				local,
				line({ id: b!.id, rowVersion: b!.rowVersion, amount: '99000' })
			)
		).rejects.toMatchObject({
			code: 'error_conflict',
			changed: expect.arrayContaining(['amount'])
		});
		expect((await sql`select amount::text from budget_line where id = ${b!.id}`)[0]!.amount).toBe(
			'21000.00'
		);
	});

	it('every change is in the audit log with who, when, before and after, and shows as the activity history', async () => {
		const rows =
			await sql`select user_id, municipality_id, entity, action, before, after from audit_log where entity = 'activity' and entity_id = ${String(local)} and action = 'update'`;
		expect(rows[0]).toMatchObject({
			userId: staff.id,
			municipalityId: akTurpak,
			before: { title: 'Аял депутаттар үчүн тренинг' },
			after: { title: 'Аял депутаттар үчүн окутуу' }
		});
		const history = await plans.history(sql, deputy, local);
		const kinds = history.map((h) => `${h.entity}:${h.action}`);
		expect(kinds).toEqual(
			expect.arrayContaining([
				'activity:create',
				'activity:update',
				'indicator:create',
				'budget_line:create',
				'budget_line:update'
			])
		);
		const lineUpdate = history.find((h) => h.entity === 'budget_line' && h.action === 'update')!;
		expect(lineUpdate.username).toBe('akturpak.staff');
		expect(lineUpdate.after).toMatchObject({ amount: '21000.00' });
		expect(lineUpdate.before).toMatchObject({ amount: '20000.50' });
	});

	it('removing an activity needs its current version and is recorded with what it held', async () => {
		const extra = await plans.addLocalActivity(sql, staff, planId, {
			sectionId: s2!,
			title: 'Убактылуу'
		});
		await expect(plans.deleteActivity(sql, staff, extra, { rowVersion: 5 })).rejects.toMatchObject({
			code: 'error_conflict'
		});
		await plans.deleteActivity(sql, staff, extra, { rowVersion: 1 });
		expect((await sql`select 1 from activity where id = ${extra}`).length).toBe(0);
		expect(
			(
				await sql`select before from audit_log where entity = 'activity' and entity_id = ${String(extra)} and action = 'delete'`
			)[0]!.before
		).toMatchObject({ title: 'Убактылуу' });
	});
});

describe('provenance', () => {
	it('an adopted activity keeps the measure and catalogue version it came from, even after the plan gets a new version', async () => {
		const before = (await plans.planView(sql, staff, planId)).sections[0]!.activities[0]!
			.provenance!;
		expect(before).toMatchObject({
			measureStableId: 'w25.m3.l1',
			planKey: 'nap-1325-2025-2027-draft',
			catalogueVersion: 1,
			pillars: ['protection']
		});
		const file = structuredClone(
			catalogue.normalizePlanFile(
				catalogue.SHIPPED_PLANS.find((p) => p.plan.key === 'nap-1325-2025-2027-draft')!
			)
		);
		file.plan.title.ky += ' (өзгөртүлгөн)';
		await catalogue.loadPlanFile(sql, file, { userId: national.id });
		const after = (await plans.planView(sql, staff, planId)).sections[0]!.activities[0]!
			.provenance!;
		expect(after).toEqual(before);
	});

	it('the same measure is not adopted twice into one plan', async () => {
		const once = await plans.adoptMeasures(sql, staff, planId, {
			sectionId: s2!,
			measureNodeIds: [await measureId('g25.m6.2')]
		});
		expect(once.added).toHaveLength(1);
		const twice = await plans.adoptMeasures(sql, staff, planId, {
			sectionId: s2!,
			measureNodeIds: [await measureId('g25.m6.2')]
		});
		expect(twice).toEqual({ added: [], byMeasure: {}, skipped: [await measureId('g25.m6.2')] });
	});

	it('a measure adopted from an older catalogue version counts as adopted in the current one, and is not adopted again', async () => {
		// the provenance test above made version 2 of the NAP 1325 draft; w25.m3.l1 was adopted from version 1
		const current = await measureId('w25.m3.l1');
		const { versionNumber } = (
			await sql`select v.number as version_number from plan_node n join catalogue_version v on v.id = n.version_id where n.id = ${current}`
		)[0]!;
		expect(versionNumber).toBe(2);
		expect(await plans.adoptedMeasureIds(sql, planId)).toContain(current);
		expect(
			await plans.adoptMeasures(sql, staff, planId, { sectionId: s2!, measureNodeIds: [current] })
		).toEqual({ added: [], byMeasure: {}, skipped: [current] });
	});
});
