import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { login, prefix } from './fixtures';

const TEXT = {
	ky: {
		open: 'Облустун көрсөткүчтөр тактасын ачуу',
		share: 'Гендердик үлүш',
		late: 'Кечиккен отчеттор гана',
		apply: 'Көрсөтүү',
		reset: 'Тазалоо',
		xlsx: 'XLSX катары жүктөө',
		total: 'Бардыгы'
	},
	ru: {
		open: 'Открыть панель показателей области',
		share: 'Гендерная доля',
		late: 'Только просроченные отчёты',
		apply: 'Показать',
		reset: 'Сбросить',
		xlsx: 'Скачать XLSX',
		total: 'Итого'
	}
} as const;

/** "1 234,50" / "60,6 %" as the page writes them, to a number. */
const figure = (s: string) => Number(s.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.'));

for (const lang of ['ky', 'ru'] as const) {
	test(`the oblast representative sorts by gender share, filters late reports, drills down to Ak-Turpak and exports XLSX (${lang})`, async ({
		page
	}) => {
		const x = TEXT[lang];
		await login(page, 'batken.oblast', lang);
		await page.goto(`${prefix(lang)}/`);
		await page.getByRole('link', { name: x.open }).click();
		await expect(page).toHaveURL(/\/oblast\/KG05$/);
		const table = page.getByRole('region', { name: /\(\d+\)/ });

		// sort by gender share: highest first, the municipalities without a plan last
		await table.getByRole('link', { name: x.share, exact: true }).click();
		await expect(page).toHaveURL(/sort=gender_share&dir=desc/);
		const header = table.getByRole('columnheader', { name: x.share, exact: true });
		await expect(header).toHaveAttribute('aria-sort', 'descending');
		const column = await table.locator('thead th').allInnerTexts();
		const at = column.findIndex((c) => c.trim() === x.share);
		const shares = await table.locator(`tbody tr td:nth-child(${at + 1})`).allInnerTexts();
		const known = shares.filter((s) => s.trim() !== '—').map(figure);
		expect(known.length).toBeGreaterThan(0);
		expect(known).toEqual([...known].sort((a, b) => b - a));
		expect(shares.slice(0, known.length).every((s) => s.trim() !== '—')).toBe(true);

		// late reports only: Kyshtut's 2025 report came in after its due date
		await page.getByLabel(x.late).check();
		await page.getByRole('button', { name: x.apply }).click();
		await expect(page).toHaveURL(/late=on/);
		await expect(page).toHaveURL(/sort=gender_share/);
		await expect(table.locator('tbody tr')).toHaveCount(1);
		await expect(table.locator('tbody tr').first()).toContainText('Кыштут');

		// the export carries the filters: its totals are the page's
		const totals = page.locator('tfoot tr').first();
		await expect(totals.locator('th')).toHaveText(x.total);
		const pageBudget = figure(await totals.locator('[data-total="budget"]').innerText());
		const pageGender = figure(await totals.locator('[data-total="gender"]').innerText());
		const pageShare = figure(await totals.locator('[data-total="gender_share"]').innerText());
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: x.xlsx }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toBe(`oblast-KG05-${lang}.xlsx`);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
		const ws = wb.worksheets[0]!;
		const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
		const total = rows.find((r) => r[1] === x.total)!;
		expect(total).toBeTruthy();
		expect(rows.length).toBe(1 + 1 + 2); // header, Kyshtut, totals, median
		expect(total[6]).toBe(pageBudget);
		expect(total[7]).toBe(pageGender);
		expect(total[8]).toBe(pageShare);

		// back to every municipality, then down to Ak-Turpak's page and its plan
		await page.getByRole('link', { name: x.reset }).click();
		await expect(page).toHaveURL(/\/oblast\/KG05$/);
		await table.getByRole('link', { name: 'Ак-Турпак', exact: true }).click();
		await expect(page).toHaveURL(/\/territories\/\d+$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Ак-Турпак');
	});
}

test('the oblast representative of Batken is told Osh oblast’s dashboard does not exist', async ({
	page
}) => {
	await login(page, 'batken.oblast', 'en');
	const response = await page.goto('/en/oblast/KG06');
	expect(response?.status()).toBe(404);
});

test('a garbled filter in the dashboard’s address is named as the filter form names it, in the page’s language', async ({
	page
}) => {
	await login(page, 'batken.oblast', 'ru');
	const response = await page.goto('/ru/oblast/KG05?rayon=abc&sort=name');
	expect(response?.status()).toBe(400);
	await expect(page.getByRole('main')).toContainText('Параметр «Район» в адресе страницы неверен');
	await expect(page.getByRole('main')).not.toContainText('rayon:');
	await page.goto('/oblast/KG05?late=1');
	await expect(page.getByRole('main')).toContainText(
		'Даректеги «Кечиккен отчеттор гана» параметри туура эмес'
	);
});
