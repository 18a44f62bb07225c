import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { e2eSql, login, prefix } from './fixtures';

const TEXT = {
	ky: {
		add: 'Кошуу',
		kind: 'Органдын түрү',
		council: 'Коомдук кеңеш',
		nameKy: 'Кыргызча аталышы',
		nameRu: 'Орусча аталышы',
		women: 'Аялдар',
		men: 'Эркектер',
		head: 'Жетекчи',
		deputy: 'Жетекчинин орун басары',
		woman: 'аял',
		required: 'Бул талааны толтуруңуз',
		breaks: 'Эрежени бузат',
		womenBelow: 'Аялдар мүчөлөрдүн 20,0% түзөт: 30% дан аз.',
		leaders: 'Жетекчи да, анын орун басары да аял.',
		remove: 'Реестрден алып салуу',
		removeConfirm: 'Ооба, алып салуу',
		section: 'Жергиликтүү органдардагы өкүлчүлүк (30% эрежеси)',
		all: 'Бардык органдар'
	},
	ru: {
		add: 'Добавить',
		kind: 'Вид органа',
		council: 'Общественный совет',
		nameKy: 'Название на кыргызском',
		nameRu: 'Название на русском',
		women: 'Женщины',
		men: 'Мужчины',
		head: 'Руководитель',
		deputy: 'Заместитель руководителя',
		woman: 'женщина',
		required: 'Заполните это поле',
		breaks: 'Нарушает правило',
		womenBelow: 'Женщины составляют 20,0% членов: меньше 30%.',
		leaders: 'И руководитель, и заместитель — женщины.',
		remove: 'Удалить из реестра',
		removeConfirm: 'Да, удалить',
		section: 'Представленность в местных органах (правило 30%)',
		all: 'Все органы'
	}
} as const;

/** Serious and critical accessibility violations, and how far the page scrolls sideways on a phone. */
async function accessibility(page: Page) {
	const result = await new AxeBuilder({ page }).analyze();
	const violations = result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	await page.setViewportSize({ width: 390, height: 844 });
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth
	);
	await page.setViewportSize({ width: 1366, height: 768 });
	return { violations, overflow };
}

const shots = process.env.SCREENSHOTS;
async function shoot(page: Page, name: string) {
	if (!shots) return;
	for (const [w, h] of [
		[1366, 768],
		[390, 844]
	]) {
		await page.setViewportSize({ width: w!, height: h! });
		await page.screenshot({ path: `${shots}/${name}-${w}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1366, height: 768 });
}

async function akTurpakId(soate = '41705258804000'): Promise<number> {
	const sql = e2eSql();
	try {
		const [t] = await sql<{ id: number }[]>`
			select id::int from territory where soate_code = ${soate}`;
		return t!.id;
	} finally {
		await sql.end();
	}
}

for (const lang of ['ky', 'ru'] as const) {
	test(`staff add a body that breaks the 30% rule and see why; typed values survive a refusal (${lang}, ${lang === 'ru' ? 'without' : 'with'} JavaScript)`, async ({
		browser
	}) => {
		const x = TEXT[lang];
		// the Russian run posts every form without script
		const context = await browser.newContext({ javaScriptEnabled: lang !== 'ru' });
		const page = await context.newPage();
		await login(page, 'akturpak.staff', lang);
		const id = await akTurpakId();
		await page.goto(`${prefix(lang)}/territories/${id}`);
		await page.getByRole('link', { name: /30%/ }).click();
		await expect(page).toHaveURL(new RegExp(`/territories/${id}/representation$`));
		// the demo's kenesh row, from the roster
		await expect(page.locator('tr[data-body=kenesh]')).toBeVisible();
		if (lang === 'ky') expect(await accessibility(page)).toEqual({ violations: [], overflow: 0 });
		await shoot(page, `representation-${lang}`);

		const form = page.locator('form#body-new');
		const nameKy = `Жаштар кеңеши ${lang}`;
		await form.getByLabel(x.kind, { exact: true }).selectOption('public_council');
		await form.getByLabel(x.nameKy, { exact: true }).fill(nameKy);
		await form.getByLabel(x.nameRu, { exact: true }).fill(`Молодёжный совет ${lang}`);
		await form.getByLabel(x.women, { exact: true }).fill('2');
		// men left empty: refused, and what was typed stays
		await form.getByLabel(x.head, { exact: true }).selectOption('female');
		await form.getByLabel(x.deputy, { exact: true }).selectOption('female');
		await form.getByRole('button', { name: x.add, exact: true }).click();
		await expect(form.locator('.error-summary')).toBeVisible();
		await expect(form.getByLabel(x.nameKy, { exact: true })).toHaveValue(nameKy);
		await expect(form.getByLabel(x.women, { exact: true })).toHaveValue('2');
		await expect(form.getByLabel(x.kind, { exact: true })).toHaveValue('public_council');
		await expect(form.getByLabel(x.deputy, { exact: true })).toHaveValue('female');
		await form.getByLabel(x.men, { exact: true }).fill('8');
		await form.getByRole('button', { name: x.add, exact: true }).click();

		const row = page.locator(`tr[data-body="${nameKy}"]`);
		await expect(row).toBeVisible();
		await expect(row).toContainText(x.council);
		await expect(row).toContainText(x.breaks);
		await expect(row.getByRole('listitem')).toHaveText([x.womenBelow, x.leaders]);
		await shoot(page, `representation-added-${lang}`);

		// the public figures count it; then it goes, so the demo stays as other specs found it
		const api = await (await page.request.get('/api/v1/public/representation')).json();
		const batken = api.oblasts.find((o: { code: string }) => o.code === 'KG05');
		expect(batken.byKind.public_council.bodies).toBeGreaterThanOrEqual(2);
		const edit = row.locator('xpath=following-sibling::tr[1]');
		await edit.locator('summary', { hasText: x.remove }).click();
		await edit.getByRole('button', { name: x.removeConfirm }).click();
		await expect(page.locator(`tr[data-body="${nameKy}"]`)).toHaveCount(0);
		await context.close();
	});

	test(`the oblast dashboard shows the representation aggregate, the same as the public API (${lang})`, async ({
		page
	}) => {
		const x = TEXT[lang];
		await login(page, 'batken.oblast', lang);
		await page.goto(`${prefix(lang)}/oblast/KG05`);
		const section = page.locator('section[data-section=representation]');
		await expect(section.getByRole('heading', { name: x.section })).toBeVisible();
		const api = await (await page.request.get('/api/v1/public/representation')).json();
		const batken = api.oblasts.find((o: { code: string }) => o.code === 'KG05');
		expect(batken.bodies).toBeGreaterThan(0);
		const all = section.locator('tr[data-kind=all]');
		await expect(all.getByRole('rowheader')).toHaveText(x.all);
		const cells = await all.locator('td').allInnerTexts();
		const meeting =
			lang === 'ru'
				? `${batken.bodiesMeetingRule} из ${batken.bodies}`
				: `${batken.bodies} ичинен ${batken.bodiesMeetingRule}`;
		expect(cells[0]).toBe(meeting);
		expect(cells[1]).toBe(`${batken.womenShare.replace('.', ',')} %`);
		const national =
			lang === 'ru'
				? `${api.national.bodiesMeetingRule} из ${api.national.bodies}`
				: `${api.national.bodies} ичинен ${api.national.bodiesMeetingRule}`;
		expect(cells[2]).toBe(national);
		// counts only: no body's name reaches the public API
		expect(JSON.stringify(api)).not.toContain('Аялдар кеңеши');
		if (lang === 'ky') expect((await accessibility(page)).violations).toEqual([]);
		await section.scrollIntoViewIfNeeded();
		await shoot(page, `oblast-representation-${lang}`);
	});
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('bodies');
	ws.addRow(['kind', 'name_ky', 'name_ru', 'women', 'men', 'head_sex', 'deputy_sex']);
	for (const r of rows) ws.addRow(r);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

test('staff import bodies from XLSX: a bad row imports nothing and is named; a good file is previewed, then imported (ru)', async ({
	page
}) => {
	await login(page, 'kyshtut.staff', 'ru');
	const id = await akTurpakId('41705214835000');
	await page.goto(`/ru/territories/${id}/representation`);
	const template = await page.request.get(`/ru/territories/${id}/representation/template.xlsx`);
	expect(template.status()).toBe(200);
	expect(template.headers()['content-type']).toContain('spreadsheetml');

	const good = [
		'municipal_enterprise',
		'Кыштут таза суу',
		'Кыштут чистая вода',
		2,
		6,
		'эркек',
		'аял'
	];
	const check = page.locator('form#import-check');
	await check.getByLabel('Файл XLSX').setInputFiles({
		name: 'bodies.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await workbook([good, ['school_board', 'Мектеп', 'Школа', 'пять', 4, '', '']])
	});
	await check.getByRole('button', { name: 'Проверить файл' }).click();
	await expect(page.locator('#import-problems')).toContainText(
		'Строка 3, women: Введите целое число от 0 до 100000.'
	);
	await shoot(page, 'representation-import-problems-ru');
	await expect(page.locator('tr[data-body="Кыштут таза суу"]')).toHaveCount(0);

	await check.getByLabel('Файл XLSX').setInputFiles({
		name: 'bodies.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await workbook([good])
	});
	await check.getByRole('button', { name: 'Проверить файл' }).click();
	const preview = page.getByRole('region', { name: 'Что изменит загрузка' });
	await expect(preview.getByRole('row', { name: /Кыштут чистая вода/ })).toContainText('новый');
	await shoot(page, 'representation-import-preview-ru');
	// the dry run saved nothing
	await expect(page.locator('tr[data-body="Кыштут таза суу"]')).toHaveCount(0);
	await page.getByRole('button', { name: 'Загрузить строки: 1' }).click();
	await expect(page.locator('#import-check')).toContainText(
		'Загружено: новых 1, изменено 0, без изменений 0.'
	);
	const row = page.locator('tr[data-body="Кыштут таза суу"]');
	await expect(row).toContainText('Нарушает правило');
	await expect(row).toContainText('Женщины составляют 25,0% членов: меньше 30%.');
});
