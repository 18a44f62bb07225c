import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { login } from './fixtures';

/** A workbook as a ministry officer would type it: only the measures sheet, the plan's details go in the form. */
async function workbook(rows: string[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('measures');
	ws.addRow([
		'chapter_number',
		'chapter_title_ky',
		'goal_number',
		'goal_title_ky',
		'task_number',
		'task_title_ky',
		'measure_number',
		'text_ky',
		'text_ru',
		'bodies',
		'funding',
		'deadline',
		'level'
	]);
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (n: string, text: string, bodies: string, deadline: string) => [
	'1',
	'Жергиликтүү башкаруу',
	'1.1',
	'Аялдардын катышуусу',
	'1',
	'Кеңештердеги аялдар',
	n,
	text,
	'',
	bodies,
	'local_budget',
	deadline,
	'local'
];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('a national user imports a plan from XLSX: the dry run lists the bad rows, the fixed file imports, and its measure is found', async ({
	page
}) => {
	await login(page, 'national', 'en');
	await page.getByRole('link', { name: 'National plans' }).click();
	await page.getByRole('link', { name: 'Import a plan from a file' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import a national plan');

	const form = page.locator('form.panel');
	await form.getByLabel('Plan key').fill('oblast-gender-pilot-2026');
	await form.getByLabel('Kind').selectOption('other');
	await form.getByLabel('Status').selectOption('draft');
	await form.getByLabel('Title (Kyrgyz)').fill('Баткен облусунун гендердик пилоттук планы');
	await form.getByLabel('Start (year)').fill('2026');
	await form.getByLabel('End (year)').fill('2027');

	const bad = await workbook([
		row(
			'1.1',
			'Айылдык кеңештердеги аял депутаттар үчүн тренингдерди уюштуруу',
			'LSG:lead',
			'2026-жыл'
		),
		row('1.2', 'Аял лидерлер мектебин ачуу', 'NOBODY:lead', '2026-жыл'),
		row('1.3', 'Жергиликтүү бюджетте гендердик саптарды белгилөө', 'LSG:lead', 'качандыр бир кезде')
	]);
	await form
		.getByLabel('File (CSV, XLSX or JSON)')
		.setInputFiles({ name: 'pilot.xlsx', mimeType: XLSX, buffer: bad });
	await form.getByRole('button', { name: 'Check (nothing is written)' }).click();
	const report = page.locator('section.report');
	await expect(report).toContainText('2 problems found in 3 rows');
	await expect(report.locator('tbody tr').nth(0)).toContainText('3');
	await expect(report.locator('tbody tr').nth(0)).toContainText(
		'No such body in the registry: “NOBODY”.'
	);
	await expect(report.locator('tbody tr').nth(1)).toContainText('4');
	await expect(report.locator('tbody tr').nth(1)).toContainText(
		'Deadline not understood: “качандыр бир кезде”'
	);
	// what was typed in the form is kept
	await expect(form.getByLabel('Plan key')).toHaveValue('oblast-gender-pilot-2026');

	// importing the bad file is refused too, and nothing is created
	await form
		.getByLabel('File (CSV, XLSX or JSON)')
		.setInputFiles({ name: 'pilot.xlsx', mimeType: XLSX, buffer: bad });
	await form.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(report).toContainText('2 problems found');
	await page.goto('/en/catalogue');
	await expect(
		page.getByRole('link', { name: 'Баткен облусунун гендердик пилоттук планы' })
	).toHaveCount(0);
	await page.goBack();

	const good = await workbook([
		row(
			'1.1',
			'Айылдык кеңештердеги аял депутаттар үчүн тренингдерди уюштуруу',
			'LSG:lead',
			'2026-жыл'
		),
		row('1.2', 'Аял лидерлер мектебин ачуу', 'LSG:lead; MLSD:co', '2026-2027-жылдар'),
		row('1.3', 'Жергиликтүү бюджетте гендердик саптарды белгилөө', 'LSG:lead', 'жыл сайын')
	]);
	await form.getByLabel('Plan key').fill('oblast-gender-pilot-2026');
	await form.getByLabel('Kind').selectOption('other');
	await form.getByLabel('Status').selectOption('draft');
	await form.getByLabel('Title (Kyrgyz)').fill('Баткен облусунун гендердик пилоттук планы');
	await form.getByLabel('Start (year)').fill('2026');
	await form.getByLabel('End (year)').fill('2027');
	await form
		.getByLabel('File (CSV, XLSX or JSON)')
		.setInputFiles({ name: 'pilot.xlsx', mimeType: XLSX, buffer: good });
	await form.getByRole('button', { name: 'Check (nothing is written)' }).click();
	await expect(report).toContainText(
		'All 3 rows are valid: 1 chapters, 1 goals, 1 tasks, 3 measures.'
	);
	await expect(report).toContainText('Importing creates the new plan “oblast-gender-pilot-2026”.');

	await form
		.getByLabel('File (CSV, XLSX or JSON)')
		.setInputFiles({ name: 'pilot.xlsx', mimeType: XLSX, buffer: good });
	await form.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import progress');
	await expect(page.getByText('Done: version 1 of the plan is loaded.')).toBeVisible({
		timeout: 20_000
	});
	await expect(page.getByText('3 of 3 measures loaded')).toBeVisible();
	await page.getByRole('link', { name: 'Open the plan' }).click();
	await expect(page.getByText('1 chapters, 1 goals, 1 tasks, 3 measures')).toBeVisible();

	// found by search, typed with Russian look-alike letters (лидерлер мектеби → "мектеби")
	await page.goto('/en/catalogue');
	await page.getByRole('searchbox').fill('аял лидерлер мектеб');
	await page.getByRole('button', { name: 'Find' }).click();
	await expect(page.getByRole('heading', { name: 'Found: 1' })).toBeVisible();
	await page.getByRole('link', { name: /Аял лидерлер мектебин ачуу/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Measure 1.2');
	await expect(page.getByText('2026–2027')).toBeVisible();
});

test('the catalogue is public: search in Kyrgyz with Russian letters, a measure page, the read API', async ({
	page,
	request
}) => {
	await page.goto('/catalogue?q=кенеш');
	await expect(page.getByRole('heading', { name: /Табылды: \d+/ })).toBeVisible();
	const hits = await page.locator('ol.hits > li').count();
	expect(hits).toBeGreaterThan(0);
	await page.goto('/ru/catalogue?q=4.5');
	await page.locator('ol.hits a').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мера 4.5');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

	const plans = await (await request.get('/api/v1/plans')).json();
	const gender = plans.plans.find((p: { key: string }) => p.key === 'nap-gender-2018-2020');
	expect(gender.counts).toEqual({ chapters: 5, goals: 13, tasks: 36, measures: 117 });
	const tree = await (await request.get(`/api/v1/plans/${gender.id}`)).json();
	expect(tree.chapters).toHaveLength(5);
	expect(tree.chapters[0].goals[0].tasks[0].measures[0]).toMatchObject({
		id: 'g18.m1.1',
		number: '1.1',
		deadline: { kind: 'during_year', from: 2019 }
	});
	const found = await (
		await request.get(`/api/v1/measures?q=${encodeURIComponent('онугуу')}`)
	).json();
	expect(found.total).toBeGreaterThan(0);
	const openapi = await (await request.get('/api/v1/openapi.json')).json();
	expect(Object.keys(openapi.paths)).toEqual([
		'/plans',
		'/plans/{id}',
		'/measures',
		'/public/local-plans',
		'/public/local-plans/{id}',
		'/public/local-plans/{id}/reports',
		'/public/local-plans/{id}/reports/{reportId}',
		'/public/local-plans/{id}/adx.xml',
		'/public/local-plans/{id}/dataValueSets.json',
		'/exports/metadata.json',
		'/exports/adx.xml',
		'/exports/dataValueSets.json',
		'/public/sdg/5-5-1b.csv',
		'/public/local-plans/{id}/reports/{reportId}/evidence/{evidenceId}',
		'/public/representation',
		'/feed',
		'/schemas/feed-v1.json',
		'/public/oblasts',
		'/public/coverage'
	]);
	expect((await request.get('/api/v1/plans/999999')).status()).toBe(404);
	expect((await request.get('/api/v1/measures?limit=5000')).status()).toBe(400);
});

test('staff and deputies cannot open the import page', async ({ page }) => {
	await login(page, 'akturpak.staff', 'en');
	expect((await page.goto('/en/catalogue/import'))!.status()).toBe(403);
});

test('an exported plan larger than 512 KB imports back: the body limit is the one we advertise', async ({
	page,
	request
}) => {
	const plans = await (await request.get('/api/v1/plans')).json();
	const gender = plans.plans.find((p: { key: string }) => p.key === 'nap-gender-2018-2020');
	const exported = await request.get(`/catalogue/plans/${gender.id}/export/json`);
	const body = await exported.body();
	expect(body.length).toBeGreaterThan(512 * 1024);

	await login(page, 'national', 'en');
	await page.goto('/en/catalogue/import');
	const form = page.locator('form.panel');
	await form.getByLabel('File (CSV, XLSX or JSON)').setInputFiles({
		name: 'nap-gender-2018-2020.json',
		mimeType: 'application/json',
		buffer: body
	});
	await form.getByRole('button', { name: 'Check (nothing is written)' }).click();
	const report = page.locator('section.report');
	await expect(report).toContainText(
		'All 117 rows are valid: 5 chapters, 13 goals, 36 tasks, 117 measures.',
		{ timeout: 20_000 }
	);
	await expect(report).toContainText('Importing makes version');
});

test('an upload over the limits says so on the import page, in the user’s language', async ({
	page
}) => {
	test.setTimeout(120_000); // two uploads of 10–12 MB on a busy machine
	await login(page, 'national', 'ru');
	await page.goto('/ru/catalogue/import');
	const form = page.locator('form.panel');
	const file = form.locator('input[type=file]');
	// over the 10 MB of the import, under the server's body limit: the action's own check
	await file.setInputFiles({
		name: 'big.csv',
		mimeType: 'text/csv',
		buffer: Buffer.alloc(10.5 * 1024 * 1024, 'a,b\n')
	});
	await form.getByRole('button', { name: 'Проверить (ничего не записывается)' }).click();
	await expect(page.getByRole('alert')).toHaveText('Файл слишком большой (не более 10 МБ).');
	// over the body limit itself: not a bare 413 page either
	await file.setInputFiles({
		name: 'bigger.csv',
		mimeType: 'text/csv',
		buffer: Buffer.alloc(12 * 1024 * 1024, 'a,b\n')
	});
	await form.getByRole('button', { name: 'Проверить (ничего не записывается)' }).click();
	await expect(page.getByRole('alert')).toHaveText('Файл слишком большой (не более 10 МБ).');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Импорт национального плана');
});
