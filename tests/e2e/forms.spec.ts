import { expect, test, type Page } from '@playwright/test';
import { e2eSql, login, prefix } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());
test.describe.configure({ mode: 'serial' });

const SAVED = { ky: 'Сакталды.', ru: 'Сохранено.', en: 'Saved.' } as const;

/** A fresh draft plan of Ak-Turpak with one local activity and a sex-disaggregated indicator, made through the forms. */
async function newActivity(
	page: Page
): Promise<{ planId: number; activityId: number; path: string }> {
	const headers = {
		origin: new URL(page.url()).origin,
		accept: 'application/json',
		'x-sveltekit-action': 'true'
	};
	const [mu] = await sql<
		{ id: number }[]
	>`select id from territory where soate_code = '41705258804000'`;
	const created = await page.request.post(`/plans/new?municipality=${mu!.id}&/create`, {
		headers,
		form: {
			title: 'Формалардын сынагы',
			kind: 'gender_plan',
			periodStart: '2026',
			periodEnd: '2027',
			sections: 'Бөлүм'
		}
	});
	const planId = Number(/\/plans\/(\d+)/.exec((await created.json()).location)![1]);
	const [section] = await sql<
		{ id: number }[]
	>`select id from plan_section where local_plan_id = ${planId}`;
	const added = await page.request.post(`/plans/${planId}?/addLocal`, {
		headers,
		form: { sectionId: String(section!.id), title: 'Аялдар үчүн ишеним телефону' }
	});
	const activityId = Number(/\/activities\/(\d+)/.exec((await added.json()).location)![1]);
	const path = `/plans/${planId}/activities/${activityId}`;
	await page.request.post(`${path}?/indicator`, {
		headers,
		// marker 1 or 2 needs an indicator with targets for women and men
		form: {
			name: 'Кайрылгандар',
			kind: 'count',
			bySex: 'on',
			target_2026_female: '12',
			target_2026_male: '8'
		}
	});
	return { planId, activityId, path };
}

const linesOf = async (activityId: number) =>
	sql<
		{
			amount: string;
			source: string;
			donorName: string;
			marker: number;
			genderShare: string;
			justification: string;
			classificationCode: string;
			beneficiariesWomen: number | null;
		}[]
	>`
		select amount::text as amount, source, donor_name, marker, gender_share::text as gender_share, justification, classification_code, beneficiaries_women
		from budget_line where activity_id = ${activityId} order by id`;

for (const lang of ['ky', 'ru'] as const) {
	test(`changing the funding source or the marker after typing loses nothing, and hidden fields are not sent (${lang})`, async ({
		page
	}) => {
		await login(page, 'akturpak.staff', lang);
		const { activityId, path } = await newActivity(page);
		await page.goto(prefix(lang) + path);
		const form = page.locator('form#line-new');
		await expect(form).toHaveAttribute('data-hydrated', '');
		await form.locator('[name=amount]').fill('55 000');
		await form.locator('[name=classificationCode]').fill('2111');
		await form.locator('[name=beneficiariesWomen]').fill('120');
		await form.locator('[name=source]').selectOption('donor');
		await form.locator('[name=donorName]').fill('UN Women');
		await form.locator('[name=marker]').selectOption('2');
		await form.locator('[name=justification]').fill('Толугу менен аялдарга багытталган');
		await form.locator('[name=marker]').selectOption('1');
		await form.locator('[name=source]').selectOption('local_budget');
		await expect(form.locator('[name=amount]')).toHaveValue('55 000');
		await expect(form.locator('[name=classificationCode]')).toHaveValue('2111');
		await expect(form.locator('[name=beneficiariesWomen]')).toHaveValue('120');
		await expect(form.locator('[name=donorName]')).toBeHidden();
		await expect(form.locator('[name=donorName]')).toBeDisabled();
		await expect(form.locator('[name=justification]')).toBeHidden();
		await expect(form.locator('[name=justification]')).toBeDisabled();
		await form.locator('[name=genderShare]').fill('40');
		await form.locator('button[type=submit]').click();
		await expect(form.getByRole('status')).toHaveText(SAVED[lang]);
		// the result shows beside the form, where the user is looking
		await expect(form.getByRole('status')).toBeInViewport();
		expect(await linesOf(activityId)).toEqual([
			{
				amount: '55000.00',
				source: 'local_budget',
				donorName: '',
				marker: 1,
				genderShare: '40.00',
				justification: '',
				classificationCode: '2111',
				beneficiariesWomen: 120
			}
		]);
		// the form that added the line is empty again, ready for the next one
		await expect(form.locator('[name=amount]')).toHaveValue('');
	});
}

test('a failed submit keeps every field, focuses the message summary and shows the reason beside the field', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'ru');
	const { activityId, path } = await newActivity(page);
	await page.goto('/ru' + path);
	const form = page.locator('form#line-new');
	await expect(form).toHaveAttribute('data-hydrated', '');
	await form.locator('[name=year]').selectOption('2027');
	await form.locator('[name=amount]').fill('пятьдесят');
	await form.locator('[name=classificationCode]').fill('2111');
	await form.locator('[name=beneficiariesGirls]').fill('35');
	await form.locator('[name=marker]').selectOption('1');
	await form.locator('[name=genderShare]').fill('50');
	await form.locator('button[type=submit]').click();
	const summary = form.locator('.error-summary');
	await expect(summary).toContainText('«пятьдесят» — не сумма.');
	await expect(summary).toBeFocused();
	expect(
		await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))
	).toBe(true);
	await expect(summary).toBeInViewport();
	await expect(form.locator('[name=amount]')).toHaveAttribute('aria-invalid', 'true');
	await expect(form.locator('#line-new-amount-error')).toContainText('не сумма');
	await expect(form.locator('[name=year]')).toHaveValue('2027');
	await expect(form.locator('[name=amount]')).toHaveValue('пятьдесят');
	await expect(form.locator('[name=classificationCode]')).toHaveValue('2111');
	await expect(form.locator('[name=beneficiariesGirls]')).toHaveValue('35');
	await expect(form.locator('[name=marker]')).toHaveValue('1');
	await expect(form.locator('[name=genderShare]')).toHaveValue('50');
	expect(await linesOf(activityId)).toEqual([]);
});

test('typing before the page has hydrated is kept through hydration and saved', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'en');
	const { activityId, path } = await newActivity(page);
	let release = () => {};
	const gate = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**', async (route) => {
		await gate;
		await route.continue();
	});
	await page.goto('/en' + path, { waitUntil: 'commit' });
	const form = page.locator('form#line-new');
	await form.locator('[name=amount]').fill('40 000');
	await form.locator('[name=marker]').selectOption('1');
	await form.locator('[name=genderShare]').fill('50');
	await form.locator('[name=beneficiariesMen]').fill('12');
	await expect(form).not.toHaveAttribute('data-hydrated');
	release();
	await expect(form).toHaveAttribute('data-hydrated', '');
	await expect(form.locator('[name=amount]')).toHaveValue('40 000');
	await expect(form.locator('[name=marker]')).toHaveValue('1');
	await expect(form.locator('[name=genderShare]')).toBeVisible();
	await expect(form.locator('[name=genderShare]')).toHaveValue('50');
	await expect(form.locator('[name=justification]')).toBeHidden();
	await expect(form.locator('[name=beneficiariesMen]')).toHaveValue('12');
	await form.locator('button[type=submit]').click();
	await expect(form.getByRole('status')).toHaveText('Saved.');
	expect(await linesOf(activityId)).toMatchObject([
		{ amount: '40000.00', marker: 1, genderShare: '50.00' }
	]);
});

test('a long title shows its counter, and text over the limit is refused with a message instead of being cut', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'ky');
	const { activityId, path } = await newActivity(page);
	await page.goto(path);
	const form = page.locator('form#activity');
	await expect(form).toHaveAttribute('data-hydrated', '');
	const title = form.locator('[name=title]');
	await expect(form.locator('#activity-title-count')).toContainText('27 / 2000');
	const long = 'Ишеним телефону '.repeat(125) + 'ж';
	expect(long.length).toBe(2001);
	await title.fill(long);
	await expect(form.locator('#activity-title-count')).toContainText('2001 / 2000');
	await expect(form.locator('.counter.over')).toBeVisible();
	await expect(form).toContainText('Ашыкча белгилер: 1.');
	await form.locator('button[type=submit]').click();
	await expect(form.locator('.error-summary')).toContainText(
		'Өтө узун: эң көп 2000 белги, азыр 2001.'
	);
	await expect(title).toHaveValue(long);
	expect((await sql`select title from activity where id = ${activityId}`)[0]!.title).toBe(
		'Аялдар үчүн ишеним телефону'
	);

	// at the limit it is saved, and as the page heading it stays a few lines with the whole text at hand
	const atLimit = long.slice(0, 1999) + 'ж';
	await title.fill(atLimit);
	await form.locator('button[type=submit]').click();
	await expect(form.getByRole('status')).toHaveText('Сакталды.');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText(atLimit);
	expect((await heading.boundingBox())!.height).toBeLessThan(150);
	await expect(heading).toHaveAttribute('title', atLimit);
	await page.locator('details.full-title > summary').click();
	await expect(page.locator('details.full-title p')).toHaveText(atLimit);
});

test('a refused deputy keeps what was typed and says why beside the field; the added one is announced beside the form', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'ru');
	const [mu] = await sql<
		{ id: number }[]
	>`select id from territory where soate_code = '41705258804000'`;
	await page.goto(`/ru/territories/${mu!.id}/kenesh`);
	const details = page.locator('details.add:has(#deputy-new)');
	if (!(await details.getAttribute('open'))) await details.locator('summary').click();
	const form = page.locator('form#deputy-new');
	await expect(form).toHaveAttribute('data-hydrated', '');
	await form.locator('[name=fullName]').fill('Асель Токтогулова');
	await form.locator('[name=termStart]').fill('2024-12-01');
	await form.locator('button[type=submit]').click();
	await expect(form.locator('.error-summary')).toBeFocused();
	await expect(form.locator('#deputy-new-sex-error')).toHaveText('Выберите пол депутата.');
	await expect(form.locator('[name=fullName]')).toHaveValue('Асель Токтогулова');
	await expect(form.locator('[name=termStart]')).toHaveValue('2024-12-01');
	await form.locator('[name=sex]').selectOption('female');
	await form.locator('button[type=submit]').click();
	await expect(form.getByRole('status')).toHaveText('Депутат добавлен в список.');
	await expect(page.getByRole('rowheader', { name: 'Асель Токтогулова' })).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('reloading after adding a budget line does not add it again, and a refusal keeps what was typed', async ({
		page
	}) => {
		await login(page, 'akturpak.staff', 'en');
		const { activityId, path } = await newActivity(page);
		await page.goto('/en' + path);
		const form = page.locator('form#line-new');
		await form.locator('[name=amount]').fill('abc');
		await form.locator('[name=classificationCode]').fill('2111');
		await form.locator('button[type=submit]').click();
		// the answer opens at the form (the browser skips autofocus when the address names an anchor)
		await expect(page).toHaveURL(/\?\/budget#line-new$/);
		await expect(form.locator('.error-summary')).toBeInViewport();
		await expect(form.locator('[name=amount]')).toHaveValue('abc');
		await expect(form.locator('[name=classificationCode]')).toHaveValue('2111');

		await form.locator('[name=amount]').fill('55 000');
		await form.locator('button[type=submit]').click();
		await expect(page).toHaveURL(new RegExp(`${path}#line-new$`));
		await expect(form.getByRole('status')).toHaveText('Saved.');
		expect(await linesOf(activityId)).toHaveLength(1);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveCount(0);
		expect(await linesOf(activityId)).toHaveLength(1);
	});

	test('the new plan’s envelope fields follow the period typed, keeping every value', async ({
		page
	}) => {
		await login(page, 'akturpak.staff', 'ru');
		const [mu] = await sql<
			{ id: number }[]
		>`select id from territory where soate_code = '41705258804000'`;
		await page.goto(`/ru/plans/new?municipality=${mu!.id}`);
		const form = page.locator('form#new-plan');
		const year = new Date().getFullYear();
		await expect(form.locator(`[name=envelope_${year}]`)).toBeVisible();
		// a Russian title, on the Russian page, goes into the Russian field
		await form.locator('[name=titleRu]').fill('Без скриптов');
		await form.locator('[name=periodStart]').fill(String(year + 1));
		await form.locator('[name=periodEnd]').fill(String(year + 3));
		await form.locator('[name=sections]').fill('Раздел');
		await form.locator(`[name=envelope_${year + 1}]`).fill('100 000');
		await form.getByRole('button', { name: 'Обновить годы' }).click();
		await expect(form.locator(`[name=envelope_${year}]`)).toHaveCount(0);
		await expect(form.locator(`[name=envelope_${year + 1}]`)).toHaveValue('100 000');
		await expect(form.locator(`[name=envelope_${year + 3}]`)).toBeVisible();
		await expect(form.locator('[name=titleRu]')).toHaveValue('Без скриптов');
		await form.locator(`[name=envelope_${year + 3}]`).fill('300 000');
		await form.getByRole('button', { name: 'Создать план' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Без скриптов');
		const envelopes =
			await sql`select e.year, e.amount::text as amount from local_plan_envelope e join local_plan p on p.id = e.local_plan_id where p.title_ru = 'Без скриптов' order by e.year`;
		expect(envelopes).toEqual([
			{ year: year + 1, amount: '100000.00' },
			{ year: year + 3, amount: '300000.00' }
		]);
	});
});
