import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as plans from '../../src/lib/server/plans';
import { planToXlsx } from '../../src/lib/server/plans/export';
import { seedDemo } from '../../src/lib/server/demo';
import { actorOf, demoDb } from './helpers';

const { sql } = await demoDb();
const staff = await actorOf(sql, 'akturpak.staff');
const { id: planId } = (
	await sql<{ id: number }[]>`select id from local_plan order by id limit 1`
)[0]!;

describe("Ak-Turpak's demo plan", () => {
	it('holds about 25 adopted activities and 3 local ones, with indicators and budget lines over three years', async () => {
		const view = await plans.planView(sql, staff, planId);
		const activities = view.sections.flatMap((s) => s.activities);
		expect(view.plan).toMatchObject({ periodStart: 2025, periodEnd: 2027 });
		expect(activities.filter((a) => a.provenance)).toHaveLength(25);
		expect(activities.filter((a) => !a.provenance)).toHaveLength(3);
		expect(activities.every((a) => a.indicators.length > 0)).toBe(true);
		expect(new Set(activities.flatMap((a) => a.budget.map((b) => b.year)))).toEqual(
			new Set([2025, 2026, 2027])
		);
	});

	it('its summary matches the figures computed by hand in demo/akturpak.md', async () => {
		const { summary } = await plans.planView(sql, staff, planId);
		const [y2025, y2026, y2027] = summary.years;
		expect(y2025).toMatchObject({
			total: '2837000.00',
			genderAmount: '1867500.00',
			genderShare: '65.8',
			unfunded: '0.00',
			overEnvelope: false
		});
		expect(y2026).toMatchObject({
			total: '4425000.00',
			genderAmount: '2778000.00',
			genderShare: '62.8',
			unfunded: '60000.00',
			overEnvelope: false
		});
		expect(y2027).toMatchObject({
			total: '3295500.50',
			genderAmount: '1997850.35',
			genderShare: '60.6',
			unfunded: '950000.00',
			overEnvelope: true
		});
		expect(y2027!.bySource.local_budget).toBe('1745500.50');
		expect(summary.total).toMatchObject({
			total: '10557500.50',
			genderAmount: '6643350.35',
			genderShare: '62.9',
			unfunded: '1010000.00',
			envelope: '4950000.00'
		});
		expect(summary.total.bySource).toEqual({
			local_budget: '4822500.50',
			republican_budget: '1950000.00',
			incentive_grant: '1030000.00',
			donor: '1525000.00',
			community_private: '220000.00',
			unfunded: '1010000.00'
		});
	});

	it('seeding again does not duplicate it', async () => {
		await seedDemo(sql);
		expect((await sql`select count(*)::int as n from local_plan`)[0]!.n).toBe(1);
	});

	it('its XLSX export holds every activity and the same totals as the plan page', async () => {
		const view = await plans.planView(sql, staff, planId);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await planToXlsx(view, 'ky')) as never);
		const sheet = wb.worksheets[0]!;
		const texts: string[] = [];
		sheet.eachRow((row) => texts.push(row.values ? JSON.stringify(row.values) : ''));
		for (const a of view.sections.flatMap((s) => s.activities))
			expect(texts.some((t) => t.includes(JSON.stringify(a.title).slice(1, -1).slice(0, 40)))).toBe(
				true
			);
		const last = sheet.getRow(sheet.rowCount);
		const numbers = (last.values as unknown[]).filter((v): v is number => typeof v === 'number');
		expect(numbers).toContain(10557500.5);
		expect(numbers).toContain(6643350.35);
	});
});
