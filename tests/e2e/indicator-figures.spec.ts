import ExcelJS from 'exceljs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { e2eSql, login, prefix } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

const NAME = 'Бюджеттик угууларга катышкан тургундар';
const squeeze = (s: string) => s.replace(/[\s\u00a0]+/g, '');

/** The demo's Ak-Turpak draft and its first activity (it carries budget lines with gender markers 1 and 2). */
async function demoActivity(): Promise<{ plan: number; activity: number }> {
	const [row] = await sql<{ plan: number; activity: number }[]>`
		select p.id as plan, a.id as activity
		from local_plan p
		join activity a on a.local_plan_id = p.id
		join plan_section s on s.id = a.section_id
		where p.state = 'draft'
			and p.title like 'Ак-Турпак айыл аймагын 2025–2027%'
		order by s.position, a.position
		limit 1`;
	return { plan: Number(row!.plan), activity: Number(row!.activity) };
}

async function xlsx(request: APIRequestContext, plan: number, lang: string) {
	const res = await request.get(`/plans/${plan}/export/xlsx?lang=${lang}`);
	expect(res.status()).toBe(200);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
	return wb;
}

/** Asks for the plan's PDF in a language, waits for the job, and reads its text. */
async function pdfText(page: Page, plan: number, lang: 'ky' | 'ru'): Promise<string> {
	await page.goto(`${prefix(lang)}/plans/${plan}/document/${lang}`);
	const link = page.locator(`a[href^="/plans/${plan}/document/${lang}/file"]`);
	await expect(link).toBeVisible({ timeout: 60_000 });
	const res = await page.request.get((await link.getAttribute('href'))!);
	expect(res.status()).toBe(200);
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.body())), {
		mergePages: true
	});
	return text;
}

test('a sex-disaggregated indicator with women/men targets per year shows in the page, the PDF and the XLSX, in ky and ru', async ({
	page
}) => {
	test.setTimeout(120_000);
	const { plan, activity } = await demoActivity();
	await login(page, 'akturpak.staff', 'ky');
	await page.goto(`/plans/${plan}/activities/${activity}`);

	await page.locator('details.add summary', { hasText: 'Көрсөткүч кошуу' }).click();
	const form = page.locator('form#ind-new');
	await form.getByLabel('Көрсөткүчтүн аталышы').fill(NAME);
	await form.getByLabel('Өлчөм бирдиги').fill('адам');
	// the activity's budget carries gender markers: the new indicator starts disaggregated by sex
	const bySex = form.getByLabel('жынысы боюнча (аялдар/эркектер, кыз балдар/уул балдар)');
	await expect(bySex).toBeChecked();
	await form.getByLabel('Баштапкы мааниси, Аялдар').fill('20');
	await form.getByLabel('Баштапкы мааниси, Эркектер').fill('15');
	await form.getByLabel('2025, Аялдар').fill('70');
	await form.getByLabel('2025, Эркектер').fill('50');
	await form.getByLabel('2026, Аялдар').fill('90');
	await form.getByLabel('2026, Эркектер').fill('60');
	// the total is derived, not typed twice
	await expect(form.getByLabel('2025, Баары')).toHaveValue('120');
	await expect(form.getByLabel('2025, Баары')).toHaveAttribute('readonly', '');
	await form.getByRole('button', { name: 'Көрсөткүч кошуу' }).click();

	const shown = page.locator('article.item', { hasText: NAME });
	await expect(shown.getByRole('listitem')).toHaveText([
		'Баштапкы мааниси: 35 (аялдар 20 / эркектер 15)',
		'2025: 120 (аялдар 70 / эркектер 50)',
		'2026: 150 (аялдар 90 / эркектер 60)'
	]);
	// the by-sex box of the form for the next indicator has kept its state; the figures are emptied
	await expect(bySex).toBeChecked();
	await expect(form.getByLabel('2025, Аялдар')).toHaveValue('');

	const ky = await xlsx(page.request, plan, 'ky');
	const planSheet = ky.getWorksheet('План')!;
	const planTexts: string[] = [];
	planSheet.eachRow((row) => row.eachCell((c) => planTexts.push(String(c.value ?? ''))));
	expect(planTexts.join('\n')).toContain(
		'2025: 120 (аялдар 70 / эркектер 50); 2026: 150 (аялдар 90 / эркектер 60)'
	);
	const figures = ky.getWorksheet('Көрсөткүчтөр')!;
	const rows: unknown[][] = [];
	figures.eachRow((row) => {
		if (row.getCell(3).value === NAME)
			rows.push([
				row.getCell(6).value,
				row.getCell(7).value,
				row.getCell(8).value,
				row.getCell(9).value
			]);
	});
	// every figure a number cell of its own
	expect(rows).toEqual([
		['Баштапкы', 35, 20, 15],
		['2025', 120, 70, 50],
		['2026', 150, 90, 60]
	]);

	expect(squeeze(await pdfText(page, plan, 'ky'))).toContain(
		squeeze('2025: 120 (аялдар 70 / эркектер 50); 2026: 150 (аялдар 90 / эркектер 60)')
	);

	await page.goto(`/ru/plans/${plan}/activities/${activity}`);
	await expect(page.locator('article.item', { hasText: NAME }).getByRole('listitem')).toHaveText([
		'Исходное значение: 35 (женщины 20 / мужчины 15)',
		'2025: 120 (женщины 70 / мужчины 50)',
		'2026: 150 (женщины 90 / мужчины 60)'
	]);
	const ru = await xlsx(page.request, plan, 'ru');
	const ruTexts: string[] = [];
	ru.getWorksheet('План')!.eachRow((row) =>
		row.eachCell((c) => ruTexts.push(String(c.value ?? '')))
	);
	expect(ruTexts.join('\n')).toContain('2025: 120 (женщины 70 / мужчины 50)');
	expect(ru.getWorksheet('Индикаторы')!.getRow(1).getCell(8).value).toBe('Женщины / девочки');
	expect(squeeze(await pdfText(page, plan, 'ru'))).toContain(
		squeeze('2025: 120 (женщины 70 / мужчины 50); 2026: 150 (женщины 90 / мужчины 60)')
	);
});
