import ExcelJS from 'exceljs';
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { e2eSql, login, prefix } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());
test.describe.configure({ mode: 'serial' });

/** Kyshtut's approved plan and its last activity (the others' 2026 first half is another spec's). */
async function kyshtut() {
	const [plan] = await sql`
		select p.id from local_plan p join territory t on t.id = p.municipality_id
		where t.soate_code = '41705214835000' and p.state = 'approved' order by p.id limit 1`;
	const [a] = await sql`
		select a.id from activity a join plan_section s on s.id = a.section_id
		where a.local_plan_id = ${plan!.id} order by s.position desc, a.position desc, a.id desc limit 1`;
	return { planId: Number(plan!.id), activityId: Number(a!.id) };
}

/** Clicks "Download the report form" and opens what arrives as a workbook. */
async function download(page: Page, name: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name }).click()
	]);
	expect(file.suggestedFilename()).toMatch(/^report-\d+-2026S1\.xlsx$/);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
	return wb;
}

async function upload(page: Page, wb: ExcelJS.Workbook, path: string, button: string) {
	await writeFile(path, new Uint8Array(await wb.xlsx.writeBuffer()));
	const form = page.locator('form#report-form');
	await form.locator('input[type=file]').setInputFiles(path);
	await form.getByRole('button', { name: button }).click();
	return form;
}

test('staff download the report form, type one narrative in Excel and upload it: the page shows it (ky)', async ({
	page
}, info) => {
	const k = await kyshtut();
	await login(page, 'kyshtut.staff', 'ky');
	await page.goto(`${prefix('ky')}/plans/${k.planId}/reports/2026S1`);
	const wb = await download(page, 'Отчеттун формасын жүктөп алуу (XLSX)');
	const act = wb.getWorksheet('Иш-чаралар')!;
	const row = act.getColumn(1).values.findIndex((v) => v === k.activityId);
	act.getCell(row, 6).value = 'Excel аркылуу жазылды: 3 жолугушуу өттү';
	const form = await upload(page, wb, info.outputPath('filled.xlsx'), 'Форманы жүктөө');
	await expect(form.getByRole('status')).toContainText('Форма кабыл алынды: 1 иш-чара жаңыртылды');
	// the activity's form shows what was imported at once, not what it showed before
	await expect(page.locator(`form#activity-${k.activityId} textarea[name=narrative]`)).toHaveValue(
		'Excel аркылуу жазылды: 3 жолугушуу өттү'
	);
	// a reload asks for the page again, it does not post the file twice
	await page.reload();
	await expect(page.locator(`form#activity-${k.activityId} textarea[name=narrative]`)).toHaveValue(
		'Excel аркылуу жазылды: 3 жолугушуу өттү'
	);
	const { count } = (
		await sql`
		select count(*)::int as count from audit_log where entity = 'report' and action = 'import_form'`
	)[0]!;
	expect(count).toBe(1);
});

test('a bad cell is listed by sheet, row and column and nothing is saved (ru)', async ({
	page
}, info) => {
	const k = await kyshtut();
	await login(page, 'kyshtut.staff', 'ru');
	await page.goto(`/ru/plans/${k.planId}/reports/2026S1`);
	const wb = await download(page, 'Скачать форму отчёта (XLSX)');
	const act = wb.getWorksheet('Мероприятия')!;
	const row = act.getColumn(1).values.findIndex((v) => v === k.activityId);
	act.getCell(row, 6).value = 'Этот текст не должен сохраниться';
	act.getCell(row, 3).value = 'Почти готово';
	const form = await upload(page, wb, info.outputPath('bad.xlsx'), 'Загрузить форму');
	await expect(form).toContainText('Форма не принята — ничего не сохранено');
	const problem = page.getByRole('row', { name: /Почти готово/ });
	await expect(problem).toContainText('Мероприятия');
	await expect(problem).toContainText(String(row));
	await expect(problem.getByRole('cell', { name: 'C', exact: true })).toBeVisible();
	const [saved] = await sql`
		select narrative from report_activity ra join report r on r.id = ra.report_id
		where r.local_plan_id = ${k.planId} and r.period = '2026S1' and ra.activity_id = ${k.activityId}`;
	expect(saved!.narrative).toBe('Excel аркылуу жазылды: 3 жолугушуу өттү');
});
