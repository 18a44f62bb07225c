/**
 * The report form on real PostgreSQL: an official downloads Kyshtut's 2026 first-half form, fills
 * it with exceljs as Excel would, and uploads it back; what was typed is what the report says. One
 * bad cell imports nothing and is named by sheet, row and column; hostile files, a submitted report,
 * another report's form and other people are refused.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as reports from '../../src/lib/server/reports';
import { importReportForm, reportForm } from '../../src/lib/server/reports/workbook';
import { isDomainError } from '../../src/lib/server/errors';
import { xlsxBomb } from '../../src/lib/server/zip.fixtures';
import { actorOf, reportsDemoDb, territoryId, SOATE } from './helpers';

const { sql, boss } = await reportsDemoDb();
await boss.stop({ graceful: false });

const staff = await actorOf(sql, 'kyshtut.staff');
const deputy = await actorOf(sql, 'kyshtut.deputy');
const otherStaff = await actorOf(sql, 'akturpak.staff');
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const { id: planId } = (
	await sql<{ id: number }[]>`
	select id from local_plan where municipality_id = ${kyshtut} and state = 'approved' order by id limit 1`
)[0]!;
const TODAY = '2026-12-02';
const o = { today: TODAY };

const refusal = async (p: Promise<unknown>) => {
	try {
		await p;
		return 'allowed';
	} catch (e) {
		if (isDomainError(e)) return `${e.status} ${e.code}`;
		throw e;
	}
};

async function download(period: string, locale: 'ky' | 'ru' | 'en' = 'ky') {
	const { bytes } = await reportForm(sql, staff, planId, period, locale, o);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes as unknown as ArrayBuffer);
	return wb;
}
const bytesOf = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());
const content = async (period: string) =>
	(await reports.reportPage(sql, staff, planId, period, o)).content!;
const snapshot = async (period: string) => ({
	values:
		await sql`select v.* from report_indicator_value v join report r on r.id = v.report_id where r.period = ${period} order by v.indicator_id, v.sex, v.age_band, v.disability`,
	activity:
		await sql`select a.* from report_activity a join report r on r.id = a.report_id where r.period = ${period} order by activity_id`,
	spending:
		await sql`select s.* from report_spending s join report r on r.id = s.report_id where r.period = ${period} order by budget_line_id`,
	version:
		await sql`select row_version from report where period = ${period} and local_plan_id = ${planId}`
});

describe('the report form', () => {
	it('round trip: what an official types in the downloaded form is exactly what the report then says', async () => {
		const wb = await download('2026S2');
		const act = wb.getWorksheet('Иш-чаралар')!;
		const ind = wb.getWorksheet('Көрсөткүчтөр')!;
		const sp = wb.getWorksheet('Чыгымдар')!;
		expect(act.getColumn(1).hidden).toBe(true);
		// prefilled: every activity of the plan, not started yet
		const before = (await content('2026S2')).sections.flatMap((s) => s.activities);
		expect(act.rowCount - 1).toBe(before.length);
		expect(act.getCell(2, 3).value).toBe('Башталган жок');

		// first activity done, with what was done and the problems; second cancelled for lack of funding
		act.getCell(2, 3).value = 'Аткарылды';
		act.getCell(2, 6).value = 'Эки тренинг өттү; 20 катышуучу';
		act.getCell(2, 7).value = 'Зал кечигип берилди';
		act.getCell(3, 3).value = 'Жокко чыгарылды';
		act.getCell(3, 4).value = 'Каржылоо жок';
		// the first indicator is by sex: women and men typed, the total derived
		const firstInd = before[0]!.indicators[0]!;
		expect(firstInd.bySex).toBe(true);
		const indRow = ind.getColumn(1).values.findIndex((v) => v === firstInd.id);
		ind.getCell(indRow, 9).value = 13;
		ind.getCell(indRow, 10).value = 6;
		const line = before[0]!.lines[0]!;
		const spRow = sp.getColumn(1).values.findIndex((v) => v === line.id);
		expect(sp.getCell(spRow, 4).value).toBe(Number(line.planned));
		sp.getCell(spRow, 5).value = 1234.56;
		sp.getCell(spRow, 6).value = 17;
		sp.getCell(spRow, 8).value = 4;

		const result = await importReportForm(sql, staff, planId, '2026S2', await bytesOf(wb), 'ky', o);
		expect(result).toEqual({ ok: true, activities: 2 });

		const after = (await content('2026S2')).sections.flatMap((s) => s.activities);
		expect(after[0]).toMatchObject({
			recorded: true,
			status: 'done',
			reason: '',
			narrative: 'Эки тренинг өттү; 20 катышуучу',
			problems: 'Зал кечигип берилди'
		});
		expect(after[0]!.indicators[0]!.actual).toMatchObject({
			female: '13.00',
			male: '6.00',
			total: '19.00'
		});
		expect(after[0]!.lines[0]).toMatchObject({
			spent: '1234.56',
			reached: { women: 17, men: null, girls: 4, boys: null }
		});
		expect(after[1]).toMatchObject({ status: 'cancelled', reason: 'no_funding', narrative: '' });
		// the untouched activities stay as they were: not recorded
		expect(after.slice(2).map((a) => a.recorded)).toEqual(before.slice(2).map(() => false));
		const [audit] = await sql`
			select action, after from audit_log where entity = 'report' and action = 'import_form'`;
		expect(audit!.after).toEqual({ activities: 2 });

		// the next form is prefilled with what was saved, and comes back unchanged
		const again = await download('2026S2', 'ru');
		expect(again.getWorksheet('Мероприятия')!.getCell(2, 3).value).toBe('Выполнено');
		expect(
			await importReportForm(sql, staff, planId, '2026S2', await bytesOf(again), 'ru', o)
		).toEqual({ ok: true, activities: 0 });
	});

	it('an indicator by age band and disability gets a column for each, read back into its breakdown; bands that do not add up are named by their cell', async () => {
		const [first] = (await content('2026S2')).sections.flatMap((s) => s.activities);
		const indicator = first!.indicators[0]!;
		// an approved plan's indicators are frozen: the breakdown is switched on behind the trigger
		await sql.begin(async (tx) => {
			await tx`set local session_replication_role = replica`;
			await tx`update indicator set by_age = true, by_disability = true where id = ${indicator.id}`;
		});
		try {
			const wb = await download('2026S2');
			const ind = wb.getWorksheet('Көрсөткүчтөр')!;
			const row = ind.getColumn(1).values.findIndex((v) => v === indicator.id);
			const headers = ind.getRow(1).values as unknown[];
			const column = (label: string) => headers.findIndex((h) => h === label);
			const [young, middle, old, withD, withoutD] = [
				'18–29 жаш',
				'30–59 жаш',
				'60+ жаш',
				'Майыптуулугу бар',
				'Майыптуулугу жок'
			].map(column);
			expect([young, middle, old, withD, withoutD].every((c) => c! > 10)).toBe(true);
			ind.getCell(row, 9).value = 10;
			ind.getCell(row, 10).value = 5;
			ind.getCell(row, young).value = 6;
			ind.getCell(row, middle).value = 6;
			ind.getCell(row, old).value = 3;
			ind.getCell(row, withD).value = 2;
			ind.getCell(row, withoutD).value = 13;
			expect(
				await importReportForm(sql, staff, planId, '2026S2', await bytesOf(wb), 'ky', o)
			).toEqual({ ok: true, activities: 1 });
			const actual = (await content('2026S2')).sections[0]!.activities[0]!.indicators[0]!.actual;
			expect(actual).toMatchObject({
				female: '10.00',
				male: '5.00',
				total: '15.00',
				age: { '18-29': '6.00', '30-59': '6.00', '60+': '3.00' },
				disability: { with: '2.00', without: '13.00' }
			});

			// the bands no longer add up to the total: nothing is written, the cell is named
			const bad = await download('2026S2', 'ru');
			const sheet = bad.getWorksheet('Показатели')!;
			sheet.getCell(row, young).value = 9;
			const before = await snapshot('2026S2');
			const result = await importReportForm(
				sql,
				staff,
				planId,
				'2026S2',
				await bytesOf(bad),
				'ru',
				o
			);
			expect(result.ok).toBe(false);
			const problems = (result as { problems: { sheet: string; row: number }[] }).problems;
			expect(problems).toContainEqual(expect.objectContaining({ sheet: 'Показатели', row }));
			expect(await snapshot('2026S2')).toEqual(before);
		} finally {
			await sql.begin(async (tx) => {
				await tx`set local session_replication_role = replica`;
				await tx`update indicator set by_age = false, by_disability = false where id = ${indicator.id}`;
				await tx`delete from report_indicator_value where indicator_id = ${indicator.id} and (age_band <> '' or disability <> '')`;
			});
		}
	});

	it('one bad cell imports nothing: each is named by sheet, row and column in the user’s language', async () => {
		const wb = await download('2026S1', 'ru');
		const act = wb.getWorksheet('Мероприятия')!;
		const sp = wb.getWorksheet('Расходы')!;
		const before = await snapshot('2026S1');
		// good changes, and one bad cell at a time
		act.getCell(2, 6).value = 'Новый текст, который не должен сохраниться';
		const cases: [(w: ExcelJS.Workbook) => void, Partial<reports.ReportRef> | object][] = [
			[
				(w) => (w.getWorksheet('Расходы')!.getCell(2, 5).value = -5),
				{ sheet: 'Расходы', row: 2, column: 'E' }
			],
			[
				(w) => (w.getWorksheet('Мероприятия')!.getCell(3, 3).value = 'Почти готово'),
				{
					sheet: 'Мероприятия',
					row: 3,
					column: 'C',
					reason: expect.stringContaining('Почти готово')
				}
			],
			[
				(w) => (w.getWorksheet('Расходы')!.getCell(2, 6).value = 'много'),
				{ sheet: 'Расходы', row: 2, column: 'F', code: 'report_form_not_count' }
			],
			[
				(w) => {
					const a = w.getWorksheet('Мероприятия')!;
					a.getCell(4, 3).value = 'Отменено';
					a.getCell(4, 4).value = null;
				},
				{ sheet: 'Мероприятия', row: 4, column: 'D', code: 'error_report_reason_required' }
			]
		];
		void sp;
		for (const [spoil, expected] of cases) {
			const copy = new ExcelJS.Workbook();
			await copy.xlsx.load((await bytesOf(wb)) as unknown as ArrayBuffer);
			spoil(copy);
			const result = await importReportForm(
				sql,
				staff,
				planId,
				'2026S1',
				await bytesOf(copy),
				'ru',
				o
			);
			expect(result.ok).toBe(false);
			if (result.ok) continue;
			expect(result.problems).toHaveLength(1);
			expect(result.problems[0]).toMatchObject(expected);
			// in Russian, not a message key
			expect(result.problems[0]!.reason).toMatch(/[а-я]/);
			expect(await snapshot('2026S1')).toEqual(before);
		}
	});

	it('refuses hostile files, another report’s form and a form made before the report changed, writing nothing', async () => {
		const before = await snapshot('2026S1');
		const codes = async (bytes: Uint8Array) => {
			const r = await importReportForm(sql, staff, planId, '2026S1', bytes, 'en', o);
			return r.ok ? 'imported' : r.problems.map((p) => p.code).join(' ');
		};
		expect(await codes(xlsxBomb(200 * 1024 * 1024))).toBe('import_zip_too_large');
		expect(await codes(new TextEncoder().encode('status,narrative\ndone,x\n'))).toBe(
			'import_not_xlsx'
		);
		expect(await codes(new Uint8Array(11 * 1024 * 1024))).toBe('import_file_too_large_mb');
		// too many rows: 20 001 blank-looking but filled rows
		const big = await download('2026S1', 'en');
		const act = big.getWorksheet('Activities')!;
		for (let i = 0; i < 20_001; i++) act.addRow([0, 'x']);
		expect(await codes(await bytesOf(big))).toBe('import_too_many_rows');
		// another period's form
		expect(await codes(await bytesOf(await download('2026S2', 'en')))).toBe(
			'report_form_other_report'
		);
		// downloaded, then the report was saved on the page: the form is stale
		const stale = await download('2026S1', 'en');
		const page = await content('2026S1');
		const first = page.sections[0]!.activities[0]!;
		await reports.saveActivity(
			sql,
			staff,
			planId,
			'2026S1',
			{
				activityId: first.id,
				status: first.status,
				reason: first.reason,
				reasonText: first.reasonText,
				narrative: first.narrative,
				problems: first.problems,
				actuals: {},
				spending: {}
			},
			o
		);
		const touched = await snapshot('2026S1');
		expect(await codes(await bytesOf(stale))).toBe('report_form_stale');
		expect(await snapshot('2026S1')).toEqual(touched);
		void before;
	});

	it('a submitted report refuses an upload; other municipalities and deputies can neither download nor upload', async () => {
		const bytes = await bytesOf(await download('2026S2'));
		expect(await refusal(importReportForm(sql, deputy, planId, '2026S2', bytes, 'ky', o))).toBe(
			'403 error_forbidden'
		);
		expect(await refusal(importReportForm(sql, otherStaff, planId, '2026S2', bytes, 'ky', o))).toBe(
			'403 error_forbidden'
		);
		expect(await refusal(reportForm(sql, deputy, planId, '2026S2', 'ky', o))).toBe(
			'403 error_forbidden'
		);
		expect(await refusal(reportForm(sql, otherStaff, planId, '2026S2', 'ky', o))).toBe(
			'403 error_forbidden'
		);
		expect(await refusal(reportForm(sql, staff, planId, '2025', 'ky', o))).toBe(
			'403 error_forbidden'
		);
		await reports.submitReport(sql, staff, planId, '2026S2', o);
		expect(await refusal(importReportForm(sql, staff, planId, '2026S2', bytes, 'ky', o))).toMatch(
			/^409 error_report_submitted/
		);
	});
});
