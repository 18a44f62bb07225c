import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { login, prefix } from './fixtures';

const TEXT = {
	ky: {
		open: 'Өлкө боюнча мониторингди ачуу',
		nav: 'Өлкө боюнча',
		plan: 'Улуттук план',
		only: 'Эч ким кабыл албаган иш-чаралар гана',
		apply: 'Көрсөтүү',
		nobody: 'эч ким кабыл алган жок',
		batken: 'Баткен',
		legend: 'Уячада: кабыл алды / бюджетте / отчетто жылыш; астында — сумма, сом.',
		seats: 'Кеңештеги аялдардын үлүшү'
	},
	ru: {
		open: 'Открыть мониторинг по стране',
		nav: 'По стране',
		plan: 'Национальный план',
		only: 'Только меры, которые никто не принял',
		apply: 'Показать',
		nobody: 'никто не принял',
		batken: 'Баткен',
		legend: 'В ячейке: приняли / в бюджете / продвижение в отчёте; ниже — сумма, сом.',
		seats: 'Доля женщин в кенеше'
	}
} as const;

const shots = process.env.NATIONAL_SHOTS;

async function seriousViolations(page: Page) {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const lang of ['ky', 'ru'] as const) {
	test(`the national user opens the coverage matrix of a plan, finds a measure nobody adopted and drills down to an oblast (${lang})`, async ({
		page
	}) => {
		const x = TEXT[lang];
		await login(page, 'national', lang);
		await page.goto(`${prefix(lang)}/`);
		await expect(page.getByRole('navigation').getByRole('link', { name: x.nav })).toBeVisible();
		await page.getByRole('link', { name: x.open }).click();
		await expect(page).toHaveURL(/\/national$/, { timeout: 15_000 });

		// the table by oblast: every oblast and both cities, sortable by women's share of seats
		const table = page.getByRole('region', { name: /\(9\)/ });
		await expect(table.locator('tbody tr')).toHaveCount(9);
		await table.getByRole('link', { name: x.seats, exact: true }).click();
		await expect(page).toHaveURL(/sort=seat_share&dir=desc/, { timeout: 15_000 });
		await expect(table.getByRole('columnheader', { name: x.seats, exact: true })).toHaveAttribute(
			'aria-sort',
			'descending'
		);

		// the coverage matrix of the 2025–2027 gender plan, where Kyshtut (Batken) adopted measures
		await page.getByRole('combobox', { name: x.plan }).selectOption('nap-gender-2025-2027-draft');
		await page.locator('#coverage-h ~ form').getByRole('button', { name: x.apply }).click();
		await expect(page).toHaveURL(/plan=nap-gender-2025-2027-draft/, { timeout: 15_000 });
		const matrix = page.locator('table.matrix');
		const adopted = matrix.locator('tr[data-measure="g25.m6.2"]');
		await expect(adopted).not.toHaveClass(/nobody/);
		const nobody = matrix.locator('tr.nobody').first();
		await expect(nobody).toContainText(x.nobody);

		// only the measures nobody adopted
		await page.getByLabel(x.only).check();
		await page.locator('#coverage-h ~ form').getByRole('button', { name: x.apply }).click();
		await expect(page).toHaveURL(/unadopted=on/, { timeout: 15_000 });
		await expect(matrix.locator('tr[data-measure]').first()).toHaveClass(/nobody/);
		await expect(matrix.locator('tr[data-measure="g25.m6.2"]')).toHaveCount(0);
		expect(await matrix.locator('tr[data-measure]:not(.nobody)').count()).toBe(0);

		if (shots) {
			for (const [w, h] of [
				[1366, 768],
				[390, 844]
			]) {
				await page.setViewportSize({ width: w!, height: h! });
				await page.goto(`${prefix(lang)}/national?plan=nap-gender-2025-2027-draft`);
				await page.screenshot({ path: `${shots}/national-${lang}-${w}.png` });
				for (const part of ['table-h', 'map-h', 'seats-h', 'coverage-h', 'gaps-h'])
					await page
						.locator(`section[aria-labelledby="${part}"]`)
						.screenshot({ path: `${shots}/national-${lang}-${w}-${part}.png`, timeout: 60000 });
			}
			await page.setViewportSize({ width: 1366, height: 768 });
			// low-vision mode, switched on and back off (the choice is remembered per user)
			const lowVision = page.locator('form.low-vision-switch button');
			await lowVision.click();
			await expect(page.locator('html.low-vision')).toHaveCount(1);
			for (const part of ['map-h', 'seats-h', 'coverage-h', 'gaps-h'])
				await page
					.locator(`section[aria-labelledby="${part}"]`)
					.screenshot({ path: `${shots}/national-${lang}-lv-${part}.png`, timeout: 60000 });
			await page.locator('form.low-vision-switch button').click();
			await expect(page.locator('html.low-vision')).toHaveCount(0);
		}

		// drill down from Batken's cell of an adopted measure to its municipalities
		await page.goto(`${prefix(lang)}/national?plan=nap-gender-2025-2027-draft#coverage-h`);
		// a cell says what its figures are through the table's description (the legend) and whose
		// they are through its column's header, as a screen reader announces it
		await expect(page.locator('table.matrix')).toHaveAccessibleDescription(x.legend);
		const cell = page.locator('table.matrix tr[data-measure="g25.m6.2"] a[href*="oblast=KG05"]');
		const column = await cell.evaluate((a) => a.closest('td')!.cellIndex);
		await expect(page.locator('table.matrix thead th').nth(column)).toHaveText(x.batken);
		await cell.click();
		await expect(page).toHaveURL(/\/national\/adopters\?.*oblast=KG05/, { timeout: 15_000 });
		await expect(page.getByRole('heading', { level: 1 })).toContainText(x.batken);
		await expect(page.locator('tbody')).toContainText('41705214835000');
		if (shots) await page.screenshot({ path: `${shots}/adopters-${lang}.png`, fullPage: true });

		// and from the table to the oblast's dashboard
		await page.goto(`${prefix(lang)}/national`);
		await page
			.getByRole('region', { name: /\(9\)/ })
			.getByRole('link', { name: x.batken, exact: true })
			.click();
		await expect(page).toHaveURL(/\/oblast\/KG05$/, { timeout: 15_000 });
	});
}

test('an oblast representative and municipal staff find no national view', async ({ page }) => {
	for (const user of ['batken.oblast', 'akturpak.staff']) {
		await login(page, user, 'ru');
		const res = await page.goto('/ru/national');
		expect(res?.status()).toBe(404);
		await page.context().clearCookies();
	}
});

test('the national view has no serious accessibility violation, in low-vision mode too, and fits a phone', async ({
	page
}) => {
	test.setTimeout(120_000);
	await login(page, 'national', 'ky');
	await page.goto('/national?plan=nap-gender-2025-2027-draft');
	expect(await seriousViolations(page)).toEqual([]);
	await page.locator('form.low-vision-switch button').click();
	await expect(page.locator('html.low-vision')).toHaveCount(1);
	expect(await seriousViolations(page)).toEqual([]);
	await page.locator('form.low-vision-switch button').click();
	await expect(page.locator('html.low-vision')).toHaveCount(0);
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/national?plan=nap-gender-2025-2027-draft');
	expect(
		await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
	).toBeLessThanOrEqual(0);
});
