/**
 * Exports for statisticians (issue [11].5) on the demo database: Kyshtut's approved plan with its
 * submitted 2025 report and its draft 2026S1 report, Ak-Turpak's draft plan, the kenesh rosters.
 * The ADX is parsed and checked against the ADX rules, the dataValueSets totals against the report's
 * actuals in the database, the SDG 5.5.1b CSV against the rosters.
 */
import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import * as reports from '../../src/lib/server/reports';
import { extract, isoPeriod, regionByStatCode } from '../../src/lib/server/exports/model';
import { adxXml, dataValueSets, ADX_NS } from '../../src/lib/server/exports/writers';
import { metadata } from '../../src/lib/server/exports/metadata';
import { sdg551bCsv, SDG_HEADER } from '../../src/lib/server/exports/sdg';
import { can } from '../../src/lib/server/exports/permissions';
import { seatShares } from '../../src/lib/server/kenesh/seat-share';
import { parseCsv } from '../../src/lib/server/csv';
import { actorOf, reportsDemoDb, territoryId, SOATE } from './helpers';

const { sql, boss } = await reportsDemoDb();
await boss.stop({ graceful: false });

const kyshtut = await territoryId(sql, SOATE.kyshtut);
const { id: planId } = (
	await sql<{ id: number }[]>`
	select id::int from local_plan where municipality_id = ${kyshtut} and state = 'approved' order by id limit 1`
)[0]!;
const { id: draftId } = (
	await sql<{ id: number }[]>`
	select id::int from local_plan where state <> 'approved' order by id limit 1`
)[0]!;
const cents = (s: string) => Math.round(Number(s) * 100);

describe('the data value model', () => {
	it('turns DHIS2 period codes into ADX periods', () => {
		expect(isoPeriod('2025')).toBe('2025-01-01/P1Y');
		expect(isoPeriod('2026S1')).toBe('2026-01-01/P6M');
		expect(isoPeriod('2026S2')).toBe('2026-07-01/P6M');
		expect(isoPeriod('2026Q3')).toBe('2026-07-01/P3M');
		expect(isoPeriod('2026Q4')).toBe('2026-10-01/P3M');
		expect(isoPeriod('2026W3')).toBeNull();
	});

	it('has nothing of a plan that is not approved, nor of a draft report', async () => {
		expect((await extract(sql, { planId: draftId })).values).toEqual([]);
		const { period: draftPeriod } = (
			await sql<{ period: string }[]>`
			select period from report where local_plan_id = ${planId} and state = 'draft' order by period limit 1`
		)[0]!;
		const { values } = await extract(sql, {});
		expect(values.length).toBeGreaterThan(0);
		const approvedSoates = (
			await sql<{ soate: string }[]>`
				select distinct t.soate_code as soate from local_plan p join territory t on t.id = p.municipality_id
				where p.state = 'approved'`
		).map((r) => r.soate);
		for (const v of values) expect(approvedSoates).toContain(v.orgUnit);
		expect(values.filter((v) => v.dataSet === 'AP_ACTUALS' && v.period === draftPeriod)).toEqual(
			[]
		);
	});
});

describe('ADX', () => {
	it('follows the ADX rules: namespace, exported, one group per org unit, period and data set, ISO periods, disaggregation attributes', async () => {
		const { values } = await extract(sql, { planId });
		const doc = new DOMParser().parseFromString(adxXml(values, new Date()), 'text/xml');
		const root = doc.documentElement!;
		expect(root.localName).toBe('adx');
		expect(root.namespaceURI).toBe(ADX_NS);
		expect(root.getAttribute('exported')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
		const groups = Array.from(root.getElementsByTagNameNS(ADX_NS, 'group'));
		expect(groups.length).toBeGreaterThan(1);
		const keys = groups.map((g) =>
			['orgUnit', 'period', 'dataSet'].map((a) => g.getAttribute(a)).join(' ')
		);
		expect(new Set(keys).size).toBe(keys.length);
		const sexes = new Set<string>();
		let count = 0;
		for (const g of groups) {
			expect(g.getAttribute('orgUnit')).toBe(SOATE.kyshtut);
			expect(g.getAttribute('period')).toMatch(/^\d{4}-(01|04|07|10)-01\/P(1Y|6M|3M)$/);
			expect(['AP_TARGETS', 'AP_ACTUALS']).toContain(g.getAttribute('dataSet'));
			for (const dv of Array.from(g.getElementsByTagNameNS(ADX_NS, 'dataValue'))) {
				count++;
				expect(dv.getAttribute('dataElement')).toMatch(/^AP_[0-9A-Z_]+$/);
				expect(dv.getAttribute('value')).toMatch(/^-?\d+(\.\d+)?$/);
				if (dv.hasAttribute('SEX')) sexes.add(dv.getAttribute('SEX')!);
				if (dv.hasAttribute('AGE'))
					expect(dv.getAttribute('AGE')).toMatch(/^(Y0T5|Y6T13|Y14T17|Y18T29|Y30T59|Y_GE60)$/);
				if (dv.hasAttribute('DISABILITY'))
					expect(['PD', 'NONPD']).toContain(dv.getAttribute('DISABILITY'));
			}
		}
		expect(count).toBe(values.length);
		expect([...sexes].sort()).toEqual(['F', 'M']);
		// the 2025 report is there, the draft 2026S1 is not
		expect(keys).toContain(`${SOATE.kyshtut} 2025-01-01/P1Y AP_ACTUALS`);
		expect(keys).not.toContain(`${SOATE.kyshtut} 2026-01-01/P6M AP_ACTUALS`);
	});

	it('escapes what it writes, so the document still parses', () => {
		const xml = adxXml(
			[
				{
					orgUnit: 'a"<&>\'b',
					period: '2025',
					dataSet: 'AP_TARGETS',
					dataElement: 'X&Y',
					disaggregation: { category: 'SEX', option: '"F"' },
					value: '1<2'
				}
			],
			new Date()
		);
		const doc = new DOMParser().parseFromString(xml, 'text/xml');
		const g = doc.getElementsByTagNameNS(ADX_NS, 'group')[0]!;
		expect(g.getAttribute('orgUnit')).toBe('a"<&>\'b');
		const dv = doc.getElementsByTagNameNS(ADX_NS, 'dataValue')[0]!;
		expect([
			dv.getAttribute('dataElement'),
			dv.getAttribute('SEX'),
			dv.getAttribute('value')
		]).toEqual(['X&Y', '"F"', '1<2']);
	});
});

describe('dataValueSets', () => {
	it('totals equal the submitted report’s actuals and spending in the database', async () => {
		const { values } = await extract(sql, { planId });
		const doc = dataValueSets(values);
		expect(doc.dataElementIdScheme).toBe('CODE');
		expect(doc.orgUnitIdScheme).toBe('CODE');
		const actuals = doc.dataValues.filter((v) => v.dataSet === 'AP_ACTUALS' && v.period === '2025');
		const [db] = await sql<{ indicators: string; female: string; male: string; spent: string }[]>`
			select
				(select coalesce(sum(v.value), 0)::text from report_indicator_value v where v.report_id = r.id) as indicators,
				(select coalesce(sum(v.value), 0)::text from report_indicator_value v where v.report_id = r.id and v.sex = 'female') as female,
				(select coalesce(sum(v.value), 0)::text from report_indicator_value v where v.report_id = r.id and v.sex = 'male') as male,
				((select coalesce(sum(s.spent), 0) from report_spending s where s.report_id = r.id)
					+ (select coalesce(sum(e.spent), 0) from report_extra_spending e where e.report_id = r.id))::text as spent
			from report r where r.local_plan_id = ${planId} and r.period = '2025' and r.state = 'submitted'`;
		const sum = (list: typeof actuals) => list.reduce((a, v) => a + cents(v.value), 0);
		expect(cents(db!.female)).toBeGreaterThan(0);
		expect(sum(actuals.filter((v) => v.dataElement !== 'AP_SPENT'))).toBe(cents(db!.indicators));
		expect(sum(actuals.filter((v) => v.categoryOptionCombo === 'SEX_F'))).toBe(cents(db!.female));
		expect(sum(actuals.filter((v) => v.categoryOptionCombo === 'SEX_M'))).toBe(cents(db!.male));
		expect(actuals.filter((v) => v.dataElement === 'AP_SPENT').map((v) => cents(v.value))).toEqual([
			cents(db!.spent)
		]);
		for (const v of doc.dataValues) {
			expect(v.orgUnit).toBe(SOATE.kyshtut);
			expect(v.period).toMatch(/^\d{4}(S[12]|Q[1-4])?$/);
		}
	});

	it('names only codes the metadata declares', async () => {
		const meta = await metadata(sql);
		const { values } = await extract(sql, {});
		const doc = dataValueSets(values);
		const elements = new Set(meta.dataElements.map((d) => d.code));
		const combos = new Set(meta.categoryOptionCombos.map((c) => c.code));
		const units = new Set(meta.organisationUnits.map((o) => o.code));
		for (const v of doc.dataValues) {
			expect(elements).toContain(v.dataElement);
			expect(combos).toContain(v.categoryOptionCombo);
			expect(units).toContain(v.orgUnit);
		}
		// a split figure's data element has the one category of its split as its combo
		for (const v of doc.dataValues) {
			const de = meta.dataElements.find((d) => d.code === v.dataElement)!;
			const combo = meta.categoryOptionCombos.find((c) => c.code === v.categoryOptionCombo)!;
			expect(combo.categoryCombo.code).toBe(de.categoryCombo.code);
		}
		const unit = meta.organisationUnits.find((o) => o.code === SOATE.kyshtut)!;
		expect(unit.parent).toEqual({ code: SOATE.batkenOblast });
	});

	it('an oblast download holds only that oblast’s municipalities', async () => {
		const batken = (await regionByStatCode(sql, 'KG05'))!;
		const osh = (await regionByStatCode(sql, 'KG06'))!;
		expect(
			(await extract(sql, { regionId: batken, period: '2025' })).values.length
		).toBeGreaterThan(0);
		expect(
			(await extract(sql, { regionId: osh, period: '2025' })).values.filter(
				(v) => v.orgUnit === SOATE.kyshtut
			)
		).toEqual([]);
		expect(await regionByStatCode(sql, 'KG99')).toBeNull();
	});
});

describe('SDG 5.5.1b as SDMX-CSV', () => {
	it('gives each municipality, oblast and the country the women’s share of the rosters', async () => {
		const rows = parseCsv(await sdg551bCsv(sql, 2026)).rows.map((r) => r.cells);
		expect(rows[0]).toEqual(SDG_HEADER);
		const col = (name: string) => SDG_HEADER.indexOf(name);
		const byArea = new Map(rows.slice(1).map((r) => [r[col('REF_AREA')], r]));
		for (const r of rows.slice(1)) {
			expect(r[col('SERIES')]).toBe('SG_GEN_LOCGELS');
			expect(r[col('UNIT_MEASURE')]).toBe('PT');
			expect(r[col('TIME_PERIOD')]).toBe('2026');
		}
		const db = await sql<{ soate: string; stat: string; seats: number; women: number }[]>`
			select t.soate_code as soate, r.stat_code as stat, count(*)::int as seats,
				(count(*) filter (where d.sex = 'female'))::int as women
			from deputy d join territory t on t.id = d.municipality_id join territory r on r.id = t.region_id
			where d.active group by t.soate_code, r.stat_code`;
		expect(db.length).toBeGreaterThan(1);
		const share = (w: number, s: number) => (Math.round((w / s) * 1000) / 10).toFixed(1);
		for (const m of db) {
			const row = byArea.get(m.soate)!;
			expect(row[col('OBS_VALUE')]).toBe(share(m.women, m.seats));
			expect([row[col('SEATS')], row[col('SEATS_WOMEN')]]).toEqual([
				String(m.seats),
				String(m.women)
			]);
		}
		const batken = db.filter((m) => m.stat === 'KG05');
		const [s, w] = [
			batken.reduce((a, m) => a + m.seats, 0),
			batken.reduce((a, m) => a + m.women, 0)
		];
		expect(byArea.get('KG05')![col('OBS_VALUE')]).toBe(share(w, s));
		const all = [db.reduce((a, m) => a + m.seats, 0), db.reduce((a, m) => a + m.women, 0)];
		expect(byArea.get('KG')![col('OBS_VALUE')]).toBe(share(all[1]!, all[0]!));
	});

	it('seatShares gives zeros for a municipality without a roster', async () => {
		const ak = await territoryId(sql, SOATE.kerben);
		const shares = await seatShares(sql, [kyshtut, ak]);
		const [k] = await sql<{ n: number }[]>`
			select count(*)::int as n from deputy where municipality_id = ${kyshtut} and active`;
		expect(shares.get(kyshtut)!.seats).toBe(k!.n);
		expect(shares.has(ak)).toBe(true);
	});
});

describe('who downloads an oblast or the country', () => {
	it('the national monitor the country and any oblast; an oblast representative only their own; others nobody', async () => {
		const batken = (await regionByStatCode(sql, 'KG05'))!;
		const osh = (await regionByStatCode(sql, 'KG06'))!;
		const national = await actorOf(sql, 'national');
		const oblast = await actorOf(sql, 'batken.oblast');
		const staff = await actorOf(sql, 'kyshtut.staff');
		expect(can(national, 'download', { regionId: null })).toBe(true);
		expect(can(national, 'download', { regionId: osh })).toBe(true);
		expect(can(oblast, 'download', { regionId: batken })).toBe(true);
		expect(can(oblast, 'download', { regionId: osh })).toBe(false);
		expect(can(oblast, 'download', { regionId: null })).toBe(false);
		expect(can(staff, 'download', { regionId: batken })).toBe(false);
		expect(can(null, 'download', { regionId: batken })).toBe(false);
	});
});

describe('a corrected report', () => {
	it('is exported once, in its latest submitted version', async () => {
		const staff = await actorOf(sql, 'kyshtut.staff');
		const spentOf = async () =>
			(await extract(sql, { planId })).values
				.filter((v) => v.dataElement === 'AP_SPENT' && v.period === '2025')
				.map((v) => cents(v.value));
		const before = await spentOf();
		expect(before).toHaveLength(1);
		await reports.startCorrection(sql, staff, planId, '2025');
		await reports.submitReport(sql, staff, planId, '2025');
		const versions = await sql`
			select version from report where local_plan_id = ${planId} and period = '2025' and state = 'submitted'`;
		expect(versions).toHaveLength(2);
		expect(await spentOf()).toEqual(before);
	});
});
