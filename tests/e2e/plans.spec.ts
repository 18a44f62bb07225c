import { expect, test, type Page } from '@playwright/test';
import { login } from './fixtures';

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`);
const money = (s: string) => s.replace(/[\s\u00a0]/g, ' ').trim();

async function expectFigures(page: Page, figures: Record<string, string>) {
	for (const [name, value] of Object.entries(figures)) {
		await expect
			.poll(async () => money((await figure(page, name).textContent()) ?? ''), { message: name })
			.toBe(value);
	}
}

async function addBudgetLine(
	page: Page,
	line: {
		year: string;
		amount: string;
		source: string;
		marker: string;
		share?: string;
		donor?: string;
		justification?: string;
	}
) {
	const form = page.locator('form#line-new');
	if (!(await form.isVisible())) await page.locator('details.add:has(#line-new) > summary').click();
	await form.getByLabel('Year').selectOption(line.year);
	await form.getByLabel('Amount, som').fill(line.amount);
	await form.getByLabel('Funding source').selectOption(line.source);
	if (line.donor) await form.getByLabel("Donor's name").fill(line.donor);
	await form.getByLabel('Gender marker').selectOption(line.marker);
	if (line.share) await form.getByLabel('Gender-targeted share, %').fill(line.share);
	if (line.justification)
		await form.getByLabel('Justification (required for marker 2)').fill(line.justification);
	await form.getByRole('button', { name: 'Add a budget line' }).click();
	await expect(form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

test('staff create a plan, add three measures found by search, adapt one, budget it with markers 0, 1 and 2, and the summary follows', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'en');
	await page.getByRole('link', { name: 'My municipality' }).click();
	await page.getByRole('link', { name: 'New plan' }).click();
	await page.getByLabel('Plan title').fill('Ак-Турпак: аялдар жана коопсуздук 2026–2027');
	await page.getByLabel('Kind of plan').selectOption('wps_plan');
	await page.getByLabel('First year').fill('2026');
	await page.getByLabel('Last year').fill('2027');
	await page
		.getByLabel('Sections (priority areas), one per line')
		.fill('Коргоо жана жардам\nКатышуу');
	await page.getByLabel('2026').fill('100 000');
	await page.getByLabel('2027').fill('150000');
	await page.getByRole('button', { name: 'Create the plan' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ак-Турпак: аялдар жана коопсуздук 2026–2027'
	);
	await expectFigures(page, { 'total-total': '0', 'gender-total': '0' });

	await page.getByRole('link', { name: 'Pick measures from the national plans' }).click();
	await page.getByRole('searchbox').fill('кризис');
	await page.getByRole('button', { name: 'Find' }).click();
	await expect(page).toHaveURL(/q=/); // the results of the search, not the list shown before it
	const boxes = page.locator('ul.pick input[type=checkbox]:not([disabled])');
	await expect(boxes.first()).toBeVisible();
	for (let i = 0; i < 3; i++) await boxes.nth(i).check();
	await page.getByRole('button', { name: 'Add 3 chosen measures' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ак-Турпак: аялдар жана коопсуздук 2026–2027'
	);
	const rows = page.locator('table.activities tbody tr');
	await expect(rows).toHaveCount(3);

	await rows.first().locator('td').nth(1).getByRole('link').click();
	await expect(page.getByRole('heading', { name: 'National source' })).toBeVisible();
	await page
		.getByLabel('Local wording')
		.fill(
			'Кадамжай районунун кризистик борбору менен бирге Ак-Турпакта аялдар үчүн ишеним телефонун ачуу'
		);
	await page.getByLabel('Local responsible').fill('Айыл өкмөтүнүн социалдык адиси');
	await page.getByLabel('Target groups').fill('Зомбулуктан жабыр тарткан аялдар жана кыздар');
	await page.locator('form#activity').getByRole('button', { name: 'Save' }).click();
	await expect(
		page.locator('form#activity').getByRole('status').filter({ hasText: 'Saved.' })
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Кадамжай районунун кризистик борбору менен бирге Ак-Турпакта аялдар үчүн ишеним телефонун ачуу'
	);

	// marker 1 without a sex-disaggregated indicator is refused with the reason
	await addBudgetLine(page, {
		year: '2026',
		amount: '100 000',
		source: 'local_budget',
		marker: '0'
	});
	const form = page.locator('form#line-new');
	await form.getByLabel('Amount, som').fill('40000');
	await form.getByLabel('Gender marker').selectOption('1');
	await form.getByLabel('Gender-targeted share, %').fill('50');
	await form.getByRole('button', { name: 'Add a budget line' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Marker 1 needs at least one indicator of the activity disaggregated by sex.'
	);

	const ind = page.locator('form#ind-new');
	await ind.getByLabel('Indicator name').fill('Ишеним телефонуна кайрылгандар');
	await ind.getByLabel('Unit').fill('адам');
	await ind.getByLabel('Target 2026').fill('30');
	await ind.getByLabel('Target 2027').fill('60');
	await expect(ind.getByLabel('by sex (women/men, girls/boys)')).toBeChecked();
	await ind.getByRole('button', { name: 'Add an indicator' }).click();
	await expect(page.getByRole('heading', { name: /Ишеним телефонуна кайрылгандар/ })).toBeVisible();

	await addBudgetLine(page, {
		year: '2026',
		amount: '40000',
		source: 'donor',
		donor: 'UN Women',
		marker: '1',
		share: '50'
	});
	await addBudgetLine(page, {
		year: '2027',
		amount: '60 000',
		source: 'local_budget',
		marker: '2',
		justification: 'Толугу менен зомбулуктан жабыр тарткан аялдарга багытталган'
	});
	await expect(page.locator('table tbody tr').filter({ hasText: 'UN Women' })).toBeVisible();

	await page.getByRole('link', { name: 'Ак-Турпак: аялдар жана коопсуздук 2026–2027' }).click();
	await expectFigures(page, {
		'total-2026': '140 000',
		'gender-2026': '20 000',
		'share-2026': '14.3 %',
		'total-2027': '60 000',
		'gender-2027': '60 000',
		'share-2027': '100.0 %',
		'total-total': '200 000',
		'gender-total': '80 000',
		'share-total': '40.0 %',
		'gap-total': '0'
	});

	// the table can be downloaded as XLSX
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'XLSX' }).click();
	expect((await download).suggestedFilename()).toMatch(/^plan-\d+-41705258804000-en\.xlsx$/);
});

test('a deputy reads the plan but sees no editing controls, and staff of another municipality cannot open it', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'en');
	await page.getByRole('link', { name: 'My municipality' }).click();
	const planLink = page.locator('ul.plan-list a').first();
	const href = (await planLink.getAttribute('href'))!;
	await page.context().clearCookies();
	await login(page, 'akturpak.deputy', 'en');
	await page.goto(href);
	await expect(page.getByRole('heading', { name: 'Gender budget' })).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Pick measures from the national plans' })
	).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
	await page.context().clearCookies();
	await login(page, 'batken.oblast', 'en');
	expect((await page.goto(href))!.status()).toBe(200);
});
