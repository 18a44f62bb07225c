import { expect, test, type Locator, type Page } from '@playwright/test';
import { e2eSql, login, prefix } from './fixtures';

/**
 * Adopting a national measure and budgeting it in a few interactions: from the picker (search,
 * tick, amount, add) and from the measure page's "add to my plan". Every click, keystroke that
 * submits, field filled and option chosen is counted.
 */
const sql = e2eSql();
test.afterAll(async () => sql.end());

/** Counts what the user does: each click, fill, choice and key press is one interaction. */
function counted(page: Page) {
	const user = {
		n: 0,
		click: async (l: Locator) => (user.n++, l.click()),
		fill: async (l: Locator, v: string) => (user.n++, l.fill(v)),
		choose: async (l: Locator, v: string) => (user.n++, l.selectOption(v)),
		press: async (l: Locator, key: string) => (user.n++, l.press(key))
	};
	void page;
	return user;
}

/** A new draft plan of Ak-Turpak for 2026–2028 with two sections, made through its form. */
async function newPlan(page: Page, title: string): Promise<number> {
	const { id: municipality } = (
		await sql`select id from territory where soate_code = '41705258804000'`
	)[0]!;
	await page.goto(`/en/plans/new?municipality=${municipality}`);
	await page.getByLabel('Plan title in Kyrgyz').fill(title);
	await page.getByLabel('First year').fill('2026');
	await page.getByLabel('Last year').fill('2028');
	await page
		.getByLabel('Sections (priority areas) in Kyrgyz, one per line')
		.fill('Коргоо\nКатышуу');
	await page.getByRole('button', { name: 'Create the plan' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	return Number(/\/plans\/(\d+)/.exec(page.url())![1]);
}

/**
 * Measures the plan has not adopted: of the plans for 2026–2028 (the picker's default scope), or
 * with a national indicator (the demo's are in the 2018–2020 plan, reached from the measure page).
 */
async function measures(planId: number, count: number, o: { indicator?: boolean } = {}) {
	return sql<
		{ id: number; number: string; indicator: string | null; indicatorRu: string | null }[]
	>`
		select n.id, n.number, d.indicators -> 0 ->> 'ky' as indicator, d.indicators -> 0 ->> 'ru' as indicator_ru
		from plan_node n
		join measure_detail d on d.node_id = n.id
		join catalogue_version v on v.id = n.version_id and v.is_current
		where n.level = 'measure'
			and ${
				o.indicator
					? sql`jsonb_array_length(d.indicators) > 0 and d.indicators -> 0 ->> 'ky' <> ''`
					: sql`v.period_start <= 2028 and v.period_end >= 2026`
			}
			and not exists (select 1 from activity a where a.local_plan_id = ${planId} and a.measure_node_id = n.id)
		order by n.id
		limit ${count}`;
}

const lines = (planId: number) => sql<
	{ measure: number; year: number; amount: string; marker: number }[]
>`
	select a.measure_node_id as measure, b.year, b.amount::text as amount, b.marker
	from budget_line b join activity a on a.id = b.activity_id
	where a.local_plan_id = ${planId}
	order by b.id`;

for (const lang of ['ky', 'ru'] as const) {
	const L = {
		ky: {
			find: 'Табуу',
			amount: 'Суммасы, сом',
			marker: 'Гендердик маркер',
			share: 'Гендердик багыттагы үлүшү, %',
			women: 'Аялдар: максаттуу мааниси',
			men: 'Эркектер: максаттуу мааниси',
			indicator: 'Жыныс боюнча индикатор',
			add: 'Тандалган 1 чараны кошуу',
			addTo: 'Менин планыма кошуу'
		},
		ru: {
			find: 'Найти',
			amount: 'Сумма, сом',
			marker: 'Гендерный маркер',
			share: 'Гендерно-ориентированная доля, %',
			women: 'Женщины: целевое значение',
			men: 'Мужчины: целевое значение',
			indicator: 'Индикатор с разбивкой по полу',
			add: 'Добавить выбранные меры: 1',
			addTo: 'Добавить в мой план'
		}
	}[lang];

	test(`a measure found by search is adopted and budgeted in 5 interactions, and the page scrolls to the message (${lang})`, async ({
		page
	}) => {
		await login(page, 'akturpak.staff', lang);
		const planId = await newPlan(page, `Бир кадам ${lang}: издөө`);
		const [measure] = await measures(planId, 1);
		await page.goto(`${prefix(lang)}/plans/${planId}/pick`);
		const user = counted(page);
		await user.fill(page.getByRole('searchbox'), measure!.number);
		await user.press(page.getByRole('searchbox'), 'Enter');
		await expect(page).toHaveURL(/q=/);
		const row = page
			.locator('ul.pick > li')
			.filter({ has: page.locator(`input[value="${measure!.id}"]`) });
		await user.click(row.locator('input[name=measure]'));
		await user.fill(row.getByLabel(L.amount), '45 000');
		await user.click(page.getByRole('button', { name: L.add }));
		expect(user.n).toBeLessThanOrEqual(5);

		await expect(page).toHaveURL(new RegExp(`/plans/${planId}#added-\\d+$`));
		const message = page.locator('[id^=added-] [role=status]').first();
		await expect(message).toBeVisible();
		await expect(message).toBeInViewport();
		expect(await lines(planId)).toEqual([
			{ measure: measure!.id, year: 2026, amount: '45000.00', marker: 0 }
		]);
	});

	test(`the measure page adds the measure to my plan with a marker-1 line and its indicator by sex, named after the national one (${lang})`, async ({
		page
	}) => {
		await login(page, 'akturpak.staff', lang);
		const title = `Бир кадам ${lang}: чара барагы`;
		const planId = await newPlan(page, title);
		const [measure] = await measures(planId, 1, { indicator: true });
		await page.goto(`${prefix(lang)}/catalogue/measures/${measure!.id}`);
		const user = counted(page);
		await user.click(
			page.getByRole('region', { name: L.addTo }).getByRole('link', { name: new RegExp(title) })
		);
		const row = page
			.locator('ul.pick > li')
			.filter({ has: page.locator(`input[value="${measure!.id}"]`) });
		await expect(row.locator('input[name=measure]')).toBeChecked();
		// the indicator starts from the national one, in the page's language
		const national = ((lang === 'ru' && measure!.indicatorRu) || measure!.indicator!).trim();
		await expect(row.getByLabel(L.indicator)).toHaveValue(national);
		await user.fill(row.getByLabel(L.amount), '80000');
		await user.choose(row.getByLabel(L.marker), '1');
		await user.fill(row.getByLabel(L.share), '40');
		await user.fill(row.getByLabel(L.women), '25');
		await user.fill(row.getByLabel(L.men), '15');
		await user.click(page.getByRole('button', { name: L.add }));
		// 16 today without this form (pick, search, tick, add, open the activity, indicator, line…)
		expect(user.n).toBe(7);

		await expect(page).toHaveURL(new RegExp(`/plans/${planId}#added-\\d+$`));
		expect(await lines(planId)).toEqual([
			{ measure: measure!.id, year: 2026, amount: '80000.00', marker: 1 }
		]);
		const [ind] = await sql`
			select i.name, indicator_counts_for_marker(i.id) as counts
			from indicator i join activity a on a.id = i.activity_id
			where a.local_plan_id = ${planId}`;
		expect(ind).toMatchObject({ name: national, counts: true });
	});
}

test('a refused pick keeps every box ticked and every value typed, and says why beside the field', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'ru');
	const planId = await newPlan(page, 'Бир кадам: ката');
	const [a, b] = await measures(planId, 2);
	await page.goto(`/ru/plans/${planId}/pick?plan=all`);
	await page.getByRole('searchbox').fill(a!.number);
	await page.getByRole('button', { name: 'Найти' }).click();
	await expect(page).toHaveURL(/q=/);
	const row = page.locator('ul.pick > li').filter({ has: page.locator(`input[value="${a!.id}"]`) });
	await row.locator('input[name=measure]').check();
	await row.getByLabel('Сумма, сом').fill('12,345');
	await row.getByLabel('Гендерный маркер').selectOption('1');
	await row.getByLabel('Гендерно-ориентированная доля, %').fill('30');
	await page.getByRole('button', { name: 'Добавить выбранные меры: 1' }).click();

	await expect(row.locator('input[name=measure]')).toBeChecked();
	await expect(row.getByLabel('Сумма, сом')).toHaveValue('12,345');
	await expect(row.getByLabel('Гендерный маркер')).toHaveValue('1');
	await expect(row.getByLabel('Гендерно-ориентированная доля, %')).toHaveValue('30');
	await expect(row.getByLabel('Сумма, сом')).toHaveAttribute('aria-invalid', 'true');
	expect(await lines(planId)).toEqual([]);
	expect(
		(await sql`select count(*)::int as n from activity where local_plan_id = ${planId}`)[0]!.n
	).toBe(0);
	void b;
});
