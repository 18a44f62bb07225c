import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as plans from '../../src/lib/server/plans';
import * as approval from '../../src/lib/server/approval';
import * as documents from '../../src/lib/server/documents';
import { renderPlanPdf } from '../../src/lib/server/documents/plan-pdf';
import { readPdf } from '../../src/lib/server/documents/read-pdf';
import { planToXlsx } from '../../src/lib/server/plans/export';
import { actorOf, demoDb, territoryId, SOATE } from './helpers';

const { sql } = await demoDb();
const staff = await actorOf(sql, 'akturpak.staff');
const akTurpak = await territoryId(sql, SOATE.akTurpak);

const planId = await plans.createPlan(sql, staff, {
	municipalityId: akTurpak,
	kind: 'gender_plan',
	title: 'Көрсөткүчтөрдүн планы',
	periodStart: 2025,
	periodEnd: 2027,
	sections: ['Катышуу'],
	envelopes: []
});
const [section] = (
	await sql<{ id: number }[]>`select id from plan_section where local_plan_id = ${planId}`
).map((s) => s.id);
const activity = async (title: string) =>
	plans.addLocalActivity(sql, staff, planId, { sectionId: section!, title });

const indicator = (over: Partial<plans.IndicatorInput> = {}): plans.IndicatorInput => ({
	name: 'Коомдук угууларга катышкан тургундар',
	unit: 'адам',
	kind: 'count',
	bySex: true,
	byAge: false,
	byDisability: false,
	dataSource: '',
	baseline: { female: '30', male: '34' },
	targets: { 2025: { female: '50', male: '40' }, 2026: { female: '70', male: '50' } },
	...over
});
const line = (over: Partial<plans.BudgetLineInput> = {}): plans.BudgetLineInput => ({
	year: 2025,
	amount: '10000',
	source: 'local_budget',
	donorName: '',
	classificationCode: '',
	marker: 1,
	genderShare: '50',
	justification: '',
	beneficiariesWomen: '',
	beneficiariesMen: '',
	beneficiariesGirls: '',
	beneficiariesBoys: '',
	...over
});
const read = async (activityId: number, name: string) => {
	const view = await plans.planView(sql, staff, planId);
	const a = view.sections.flatMap((s) => s.activities).find((x) => x.id === activityId)!;
	return a.indicators.find((i) => i.name === name)!;
};
const stored = async (id: number) =>
	sql<{ year: number | null; sex: string; ageBand: string; disability: string; value: string }[]>`
		select year, sex, age_band, disability, value::text as value
		from indicator_value
		where indicator_id = ${id}
		order by year nulls first, sex, age_band, disability`;

describe('indicator figures by sex, age band and disability', () => {
	it('a sex-disaggregated indicator with women/men targets per year is saved, read back and its total derived', async () => {
		const a = await activity('Бюджет боюнча коомдук угуулар');
		const { id, warnings } = await plans.saveIndicator(sql, staff, a, indicator());
		expect(warnings).toEqual([]);
		// women and men are stored; the total of a count is theirs, never stored beside them
		expect(await stored(id)).toEqual([
			{ year: null, sex: 'female', ageBand: '', disability: '', value: '30.00' },
			{ year: null, sex: 'male', ageBand: '', disability: '', value: '34.00' },
			{ year: 2025, sex: 'female', ageBand: '', disability: '', value: '50.00' },
			{ year: 2025, sex: 'male', ageBand: '', disability: '', value: '40.00' },
			{ year: 2026, sex: 'female', ageBand: '', disability: '', value: '70.00' },
			{ year: 2026, sex: 'male', ageBand: '', disability: '', value: '50.00' }
		]);
		const ind = await read(a, 'Коомдук угууларга катышкан тургундар');
		expect(ind.population).toBe('adults');
		expect(ind.baseline).toMatchObject({
			total: '64.00',
			derived: true,
			female: '30.00',
			male: '34.00'
		});
		expect(ind.targets.map((t) => [t.year, t.total, t.derived, t.female, t.male])).toEqual([
			[2025, '90.00', true, '50.00', '40.00'],
			[2026, '120.00', true, '70.00', '50.00']
		]);
		// a total typed beside women and men is not kept: the sum is the total
		await plans.saveIndicator(
			sql,
			staff,
			a,
			indicator({
				id,
				rowVersion: 1,
				targets: { 2025: { total: '999', female: '50', male: '40' } }
			})
		);
		expect((await read(a, 'Коомдук угууларга катышкан тургундар')).targets).toMatchObject([
			{ year: 2025, total: '90.00', derived: true }
		]);
	});

	it('age bands and disability break the total down and must add up to it, in the words of the user', async () => {
		const a = await activity('Жаштар үчүн лагерь');
		const children = indicator({
			name: 'Лагерге катышкан балдар',
			population: 'children',
			byAge: true,
			byDisability: true
		});
		const year = (age: Record<string, string>, disability: Record<string, string>) => ({
			2026: { female: '60', male: '40', age, disability }
		});
		await expect(
			plans.saveIndicator(sql, staff, a, {
				...children,
				targets: year({ '6-13': '50', '14-17': '40' }, {})
			})
		).rejects.toMatchObject({
			code: 'error_indicator_age_sum',
			params: { year: 2026, sum: '90', total: '100' },
			field: 'target_2026_age_6-13'
		});
		await expect(
			plans.saveIndicator(sql, staff, a, {
				...children,
				targets: year({}, { with: '5', without: '90' })
			})
		).rejects.toMatchObject({
			code: 'error_indicator_disability_sum',
			field: 'target_2026_disability_with'
		});
		// an adults' band is not a children's one: it is left out
		const { id } = await plans.saveIndicator(sql, staff, a, {
			...children,
			targets: year({ '6-13': '55', '14-17': '45', '30-59': '7' }, { with: '4', without: '96' })
		});
		const ind = await read(a, 'Лагерге катышкан балдар');
		expect(ind.population).toBe('children');
		expect(ind.targets[0]).toMatchObject({
			total: '100.00',
			age: { '6-13': '55.00', '14-17': '45.00' },
			disability: { with: '4.00', without: '96.00' }
		});
		expect((await stored(id)).filter((r) => r.ageBand === '30-59')).toEqual([]);
		// one sex without the other is refused, pointing at the missing one
		await expect(
			plans.saveIndicator(sql, staff, a, indicator({ targets: { 2025: { female: '10' } } }))
		).rejects.toMatchObject({
			code: 'error_indicator_sexes_both',
			field: 'target_2025_male'
		});
		await expect(
			plans.saveIndicator(sql, staff, a, indicator({ baseline: { male: '3' } }))
		).rejects.toMatchObject({
			code: 'error_indicator_sexes_both_baseline',
			field: 'baseline_female'
		});
	});

	it('a percentage by sex keeps women, men and an optional typed total; each within 0–100', async () => {
		const a = await activity('Коопсуздук сурамжылоосу');
		const share = indicator({
			name: 'Өзүн коопсуз сезгендердин үлүшү',
			kind: 'percent',
			unit: '%',
			baseline: '',
			targets: { 2026: { female: '45', male: '65', total: '55' } }
		});
		await plans.saveIndicator(sql, staff, a, share);
		expect((await read(a, 'Өзүн коопсуз сезгендердин үлүшү')).targets[0]).toMatchObject({
			total: '55.00',
			derived: false,
			female: '45.00',
			male: '65.00'
		});
		await expect(
			plans.saveIndicator(sql, staff, a, {
				...share,
				targets: { 2026: { female: '145', male: '65' } }
			})
		).rejects.toMatchObject({ code: 'error_indicator_percent', field: 'target_2026_female' });
	});

	it('the marker 1 rule counts only indicators with female and male targets', async () => {
		const a = await activity('Аялдар кеңешинин иш-чаралары');
		// by sex in name only: a total per year, as data from before the breakdown holds it
		const { id: totals, warnings } = await plans.saveIndicator(
			sql,
			staff,
			a,
			indicator({ name: 'Катышкандар', baseline: '0', targets: { 2025: '20', 2026: '35' } })
		);
		expect(warnings).toEqual([{ code: 'warning_indicator_without_sexes', params: {} }]);
		await expect(plans.saveBudgetLine(sql, staff, a, line())).rejects.toMatchObject({
			code: 'error_marker_needs_sex_indicator'
		});
		// women and men on an indicator not marked by sex do not count either (they are kept as its total)
		await plans.saveIndicator(
			sql,
			staff,
			a,
			indicator({
				id: totals,
				rowVersion: 1,
				name: 'Катышкандар',
				bySex: false,
				targets: { 2025: { female: '20', male: '5' } }
			})
		);
		expect((await stored(totals)).filter((r) => r.year === 2025)).toEqual([
			{ year: 2025, sex: '', ageBand: '', disability: '', value: '25.00' }
		]);
		await expect(plans.saveBudgetLine(sql, staff, a, line())).rejects.toMatchObject({
			code: 'error_marker_needs_sex_indicator'
		});

		const { id: counted } = await plans.saveIndicator(
			sql,
			staff,
			a,
			indicator({ name: 'Катышкан аялдар жана эркектер' })
		);
		await expect(plans.saveBudgetLine(sql, staff, a, line())).resolves.toMatchObject({
			id: expect.any(Number)
		});

		// the marked line now relies on it: it cannot lose its men's targets, nor go
		await expect(
			plans.saveIndicator(
				sql,
				staff,
				a,
				indicator({
					id: counted,
					rowVersion: 1,
					name: 'Катышкан аялдар жана эркектер',
					targets: { 2025: '90' }
				})
			)
		).rejects.toMatchObject({ code: 'error_last_sex_indicator' });
		await expect(plans.deleteIndicator(sql, staff, a, counted)).rejects.toMatchObject({
			code: 'error_last_sex_indicator'
		});
		// and a plan whose marked line lost it, written past the rules, is stopped at submission
		await sql`delete from indicator_value where indicator_id = ${counted} and sex = 'male'`;
		expect(await approval.submissionProblems(sql, planId)).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ activityId: a, code: 'problem_marker_without_sex_indicator' })
			])
		);
	});
});

describe('an approved version frozen before the breakdown', () => {
	it('an old-shape approved snapshot still renders: the public page data, the PDF and the XLSX show its figures as totals', async () => {
		const old = await plans.createPlan(sql, staff, {
			municipalityId: akTurpak,
			kind: 'gender_plan',
			title: 'Эски бекитилген план',
			periodStart: 2025,
			periodEnd: 2026,
			sections: ['Бөлүм'],
			envelopes: []
		});
		const [s] = await sql<
			{ id: number }[]
		>`select id from plan_section where local_plan_id = ${old}`;
		const a = await plans.addLocalActivity(sql, staff, old, {
			sectionId: s!.id,
			title: 'Аялдар үчүн кеңеш берүү борбору'
		});
		await plans.saveIndicator(
			sql,
			staff,
			a,
			indicator({ name: 'Кеңеш алгандар', baseline: '12', targets: { 2025: '40', 2026: '55' } })
		);
		// the snapshot as approvals froze it until now: baseline a string, targets { year, value }, no population
		const view = await plans.planView(sql, staff, old);
		const snapshot = JSON.parse(
			JSON.stringify({
				...view,
				plan: { ...view.plan, rowVersion: undefined, updatedAt: undefined }
			})
		);
		for (const sec of snapshot.sections)
			for (const act of sec.activities)
				for (const ind of act.indicators) {
					ind.baseline = '12.00';
					ind.targets = [
						{ year: 2025, value: '40.00' },
						{ year: 2026, value: '55.00' }
					];
					delete ind.population;
				}
		const [session] = await sql<{ id: number }[]>`
			insert into kenesh_session (local_plan_id, municipality_id, session_date, roster_size, present_deputy_ids, quorum_required, votes_for, votes_against, votes_abstained, decision_number, outcome)
			values (${old}, ${akTurpak}, '2025-04-07', 3, '{1,2,3}', 2, 3, 0, 0, '19', 'approved')
			returning id`;
		await sql`
			insert into plan_approval (local_plan_id, municipality_id, session_id, decision_number, decision_date, snapshot, content_hash)
			values (${old}, ${akTurpak}, ${session!.id}, '19', '2025-04-07', ${sql.json(snapshot)}, ${'a'.repeat(64)})`;
		await sql`update local_plan set state = 'approved' where id = ${old}`;

		const { view: frozen } = await documents.publicPlan(sql, old);
		const [ind] = frozen.sections[0]!.activities[0]!.indicators;
		expect(ind!.population).toBe('adults');
		expect(ind!.baseline).toMatchObject({ total: '12.00', female: null, male: null });
		expect(ind!.targets).toMatchObject([
			{ year: 2025, total: '40.00', female: null, male: null },
			{ year: 2026, total: '55.00', female: null, male: null }
		]);
		// the stored snapshot itself is left as it was frozen
		const [row] = await sql<
			{ snapshot: typeof snapshot }[]
		>`select snapshot from plan_approval where local_plan_id = ${old}`;
		expect(row!.snapshot.sections[0].activities[0].indicators[0].targets[0]).toEqual({
			year: 2025,
			value: '40.00'
		});

		const municipality = {
			nameKy: 'Ак-Турпак',
			nameRu: 'Ак-Турпак',
			rayonKy: '',
			rayonRu: '',
			oblastKy: '',
			oblastRu: ''
		};
		const { text } = await readPdf(
			await renderPlanPdf(
				{
					view: frozen,
					municipality,
					profile: { headName: '', keneshChairName: '' },
					approval: {
						decisionNumber: '19',
						decisionDate: '2025-04-07',
						contentHash: 'a'.repeat(64)
					},
					draft: false
				},
				'ru'
			)
		);
		expect(text).toContain('2025: 40; 2026: 55');
		expect(text).toContain('Кеңеш алгандар');

		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(new Uint8Array(await planToXlsx(frozen, 'ky')).buffer);
		const sheet = wb.getWorksheet('Көрсөткүчтөр')!;
		const figures = [2, 3, 4].map((r) => [
			sheet.getRow(r).getCell(6).value,
			sheet.getRow(r).getCell(7).value,
			sheet.getRow(r).getCell(8).value
		]);
		expect(figures).toEqual([
			['Баштапкы', 12, ''],
			['2025', 40, ''],
			['2026', 55, '']
		]);
		// a revision of it starts from the same figures: nothing to report against the old snapshot
		const revision = await approval.startRevision(sql, staff, old);
		const { diff } = await approval.revisionDiff(sql, staff, revision);
		expect(diff.activities.changed).toEqual([]);
	});
});
