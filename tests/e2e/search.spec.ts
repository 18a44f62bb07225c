import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

const measureNode = async (stableId: string) =>
	(
		await sql<{ id: number }[]>`
		select n.id from plan_node n join catalogue_version v on v.id = n.version_id and v.is_current where n.stable_id = ${stableId}`
	)[0]!.id;
const akTurpakPlan = async () =>
	(
		await sql<
			{ id: number }[]
		>`select id from local_plan where title like 'Ак-Турпак айыл аймагын 2025–2027%'`
	)[0]!.id;

test('the measure page shows where the row comes from (source file and line, stable id) to national and admin only', async ({
	page
}) => {
	const url = `/en/catalogue/measures/${await measureNode('g18.m11.2')}`;
	const facts = page.locator('dl.facts');
	await page.goto(url);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Measure 11.2');
	// one indicator, as printed (an English page shows the Russian text)
	await expect(facts.locator('dt:text-is("Indicators") + dd li')).toHaveText([
		'Количество встреч; участников'
	]);
	for (const hidden of ['Source', 'Stable id'])
		await expect(facts.getByText(hidden, { exact: true })).toHaveCount(0);
	await expect(page.getByText('001_f8470a8693b07320.txt')).toHaveCount(0);
	expect(await page.content()).not.toContain('g18.m11.2');

	await login(page, 'akturpak.staff', 'en');
	await page.goto(url);
	await expect(facts.getByText('Stable id', { exact: true })).toHaveCount(0);
	expect(await page.content()).not.toContain('001_f8470a8693b07320.txt');

	for (const user of ['national', 'admin']) {
		await page.context().clearCookies();
		await login(page, user, 'en');
		await page.goto(url);
		await expect(facts.getByText('Stable id', { exact: true })).toBeVisible();
		await expect(facts.locator('code')).toHaveText('g18.m11.2');
		await expect(facts.getByText(/001_f8470a8693b07320\.txt, Line \d+/)).toBeVisible();
	}
});

test("the picker offers the plans in force for the plan's period by default and labels the others", async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'en');
	await page.goto(`/en/plans/${await akTurpakPlan()}/pick?q=${encodeURIComponent('кризис')}`);
	const planSelect = page.locator('select[name=plan]');
	await expect(planSelect.locator('option:checked')).toHaveText('Plans for 2025–2027');
	await expect(
		page.getByText('Showing the measures of the plans that cover 2025–2027.')
	).toBeVisible();
	await expect(planSelect.locator('option', { hasText: '2018–2020' }).first()).toContainText(
		'expired 2018–2020'
	);
	await expect(planSelect.locator('option', { hasText: 'draft' })).not.toHaveCount(0);
	const hits = page.locator('ul.pick > li');
	await expect(hits.first()).toBeVisible();
	// by default nothing from the expired 2018–2020 plans
	await expect(hits.filter({ hasText: 'expired 2018–2020' })).toHaveCount(0);
	await expect(hits.first()).toContainText('draft');

	await page.getByRole('link', { name: 'All plans, expired ones too' }).click();
	await expect(planSelect.locator('option:checked')).toHaveText('All plans, expired ones too');
	await expect(hits.filter({ hasText: 'expired 2018–2020' }).first()).toBeVisible();
});

test('the body filter names the bodies in the page language, and the results mark the words found', async ({
	page
}) => {
	await page.goto('/ru/catalogue?q=' + encodeURIComponent('домашнее насилие'));
	const bodies = page.getByLabel('Ответственный орган');
	await expect(bodies.locator('option', { hasText: 'Министерство здравоохранения' })).toHaveCount(
		1
	);
	// no option is a bare Kyrgyz abbreviation such as "ССМ" or "ЭСӨМ"
	const labels = await bodies.locator('option').allTextContents();
	expect(labels.filter((l) => /^\s*[А-ЯӨҮҢ]{2,6}\b/.test(l) && !/[а-яөүң]{4}/.test(l))).toEqual([]);
	expect(labels.some((l) => l.includes('ЭСӨМ'))).toBe(false);

	const first = page.locator('ol.hits > li').first();
	await expect(first.locator('mark').first()).toBeVisible();
	expect((await first.locator('mark').allTextContents()).map((t) => t.toLowerCase())).toEqual(
		expect.arrayContaining([expect.stringMatching(/^семейн/), expect.stringMatching(/^насили/)])
	);

	// the marks keep the page readable (contrast and the rest)
	const axe = await new AxeBuilder({ page }).include('ol.hits').analyze();
	expect(
		axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
	).toEqual([]);

	await page.goto('/catalogue');
	await expect(
		page
			.getByLabel('Жооптуу орган')
			.locator('option', { hasText: 'ССМ — Саламаттык сактоо министрлиги' })
	).toHaveCount(1);
});
