import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { e2eSql, login } from './fixtures';
import { postAction } from './authz/world';

const sql = e2eSql();
test.afterAll(async () => sql.end());

const KYSHTUT = '41705214835000';

async function kyshtutPlan(state: 'approved' | 'submitted') {
	const [row] = await sql<{ planId: number; activityId: number; lineId: number }[]>`
		select p.id as plan_id, a.id as activity_id, b.id as line_id
		from local_plan p
		join territory t on t.id = p.municipality_id
		join activity a on a.local_plan_id = p.id
		join budget_line b on b.activity_id = a.id
		where t.soate_code = ${KYSHTUT}
			and p.state = ${state}
		order by a.id, b.id
		limit 1`;
	return row;
}

test('the activity page of an approved plan says which kenesh decision locked it and offers to start a revision', async ({
	page
}) => {
	const { planId, activityId } = (await kyshtutPlan('approved'))!;
	await login(page, 'kyshtut.staff', 'ru');
	await page.goto(`/ru/plans/${planId}/activities/${activityId}`);
	const locked = page.locator('.locked');
	await expect(locked).toContainText('утверждённый постановлением кенеша № 7 от 15.04.2025');
	await expect(
		locked.getByRole('button', { name: 'Начать редакцию (новый проект)' })
	).toBeVisible();
	await expect(locked.locator('form')).toHaveAttribute('action', `/ru/plans/${planId}?/revise`);
	await expect(page.locator('form#activity')).toHaveCount(0);

	await page.goto(`/plans/${planId}/activities/${activityId}`);
	await expect(page.locator('.locked')).toContainText('№ 7 токтому менен бекитилген планда турат');
});

test('a deputy’s comment and amendment on a budget line reach staff as notifications that open that line; the plan page links each pending amendment', async ({
	page,
	browser
}) => {
	const { planId, activityId, lineId } = (await kyshtutPlan('submitted'))!;
	await login(page, 'kyshtut.deputy', 'ru');
	await page.goto(`/ru/plans/${planId}/activities/${activityId}`);
	const lineComments = page.locator('details.line-comments').first();
	await lineComments.locator('summary').click();
	await lineComments.locator('form.comment-form textarea').fill('Почему сумма выросла?');
	await lineComments.getByRole('button', { name: 'Отправить' }).click();
	await expect(page.getByText('Почему сумма выросла?')).toBeVisible();
	await page.getByText('Предложить поправку').click();
	await page.locator('select[name=target]').selectOption(`budget_line:${lineId}`);
	await page.locator('form#propose input[name=amount]').fill('12345');
	// other tests may have left amendments on this activity: wait for this one, not any
	const amendmentsBefore = await page.locator('.amendment').count();
	await page.getByRole('button', { name: 'Отправить поправку' }).click();
	await expect(page.locator('.amendment')).toHaveCount(amendmentsBefore + 1);
	await expect(page.locator('.amendment').last()).toContainText('12');

	const [comment] = await sql<
		{ id: number }[]
	>`select id from comment where target_kind = 'budget_line' and target_id = ${lineId} order by id desc limit 1`;
	const [amendment] = await sql<
		{ id: number }[]
	>`select id from amendment where target_id = ${lineId} order by id desc limit 1`;

	const staff = await (await browser.newContext()).newPage();
	await login(staff, 'kyshtut.staff', 'ru');
	await staff.goto('/ru/notifications');
	const activityPage = `/ru/plans/${planId}/activities/${activityId}`;
	await expect(
		staff.locator(`.notifications a[href="${activityPage}#comment-${comment!.id}"]`)
	).toHaveCount(1);
	await expect(
		staff.locator(`.notifications a[href="${activityPage}#amendment-${amendment!.id}"]`)
	).toHaveCount(1);
	await staff
		.locator(`.notifications a[href="${activityPage}#amendment-${amendment!.id}"]`)
		.click();
	await expect(staff.locator(`#amendment-${amendment!.id}`)).toBeInViewport();

	await staff.goto(`/ru/plans/${planId}`);
	await expect(
		staff.locator(`.open-amendments a[href="${activityPage}#amendment-${amendment!.id}"]`)
	).toBeVisible();
});

/** Ak-Turpak's first draft plan with an activity (review.spec approves the demo's own; make one then). */
async function draftPlan(page: Page) {
	const find = () => sql<{ id: number; activityId: number; municipalityId: number }[]>`
		select p.id, min(a.id) as activity_id, p.municipality_id
		from local_plan p
		join app_user u on u.username = 'akturpak.staff'
		join membership ms on ms.user_id = u.id and ms.territory_id = p.municipality_id
		join activity a on a.local_plan_id = p.id
		where p.state = 'draft'
		group by p.id
		order by p.id
		limit 1`;
	const [found] = await find();
	if (found) return found;
	const { id: municipality } = (
		await sql`select id from territory where soate_code = '41705258804000'`
	)[0]!;
	const created = await postAction(
		page.request,
		`/plans/new?/create&municipality=${municipality}`,
		{
			kind: 'gender_plan',
			title: 'UX: долбоор',
			periodStart: '2026',
			periodEnd: '2028',
			sections: 'Биринчи'
		}
	);
	const planId = Number(/\/plans\/(\d+)/.exec(await created.text())?.[1]);
	const [section] = await sql`select id from plan_section where local_plan_id = ${planId}`;
	const [measure] = await sql`
		select n.id from plan_node n join catalogue_version v on v.id = n.version_id and v.is_current
		where n.level = 'measure' order by n.id limit 1`;
	await postAction(page.request, `/plans/${planId}/pick`, {
		measure: String(measure!.id),
		sectionId: String(section!.id)
	});
	const [made] = await find();
	if (!made) throw new Error('no draft plan with an activity could be made for Ak-Turpak');
	return made;
}

/** One page of each kind a phone user opens, found in the demo. */
async function pagesToCheck(page: Page) {
	const plan = await draftPlan(page);
	const [published] = await sql<
		{ id: number }[]
	>`select id from local_plan where state = 'approved' order by id limit 1`;
	const [measure] = await sql<
		{ measureNodeId: number }[]
	>`select measure_node_id from activity where measure_node_id is not null order by id limit 1`;
	return {
		home: '/',
		plan: `/plans/${plan.id}`,
		activity: `/plans/${plan.id}/activities/${plan.activityId}`,
		picker: `/plans/${plan.id}/pick`,
		publicList: '/public',
		publicPlan: `/public/plans/${published!.id}`,
		catalogue: '/catalogue',
		measure: `/catalogue/measures/${measure!.measureNodeId}`,
		territory: `/territories/${plan.municipalityId}`
	};
}

for (const lang of ['ky', 'ru']) {
	test(`at 390 px no page scrolls sideways (${lang})`, async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await login(page, 'akturpak.staff', lang);
		const paths = await pagesToCheck(page);
		const wide: string[] = [];
		for (const [name, path] of Object.entries(paths)) {
			await page.goto((lang === 'ky' ? '' : `/${lang}`) + path);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			if (width !== 390) wide.push(`${name} ${path}: ${width} px`);
		}
		expect(wide).toEqual([]);
	});

	test(`at 390 px no page scrolls sideways without JavaScript either, before any script could hide a field (${lang})`, async ({
		browser
	}) => {
		const context = await browser.newContext({
			javaScriptEnabled: false,
			viewport: { width: 390, height: 844 }
		});
		const page = await context.newPage();
		await login(page, 'akturpak.staff', lang);
		const paths = await pagesToCheck(page);
		const wide: string[] = [];
		for (const [name, path] of Object.entries(paths)) {
			await page.goto((lang === 'ky' ? '' : `/${lang}`) + path);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			if (width !== 390) wide.push(`${name} ${path}: ${width} px`);
		}
		await context.close();
		expect(wide).toEqual([]);
	});

	for (const name of ['plan', 'activity', 'picker', 'publicList', 'publicPlan'] as const) {
		test(`the ${name} page has no serious or critical accessibility violation (${lang})`, async ({
			page
		}) => {
			test.slow(); // axe on a long page takes a while on a shared machine
			await login(page, 'akturpak.staff', lang);
			await page.goto((lang === 'ky' ? '' : `/${lang}`) + (await pagesToCheck(page))[name]);
			const result = await new AxeBuilder({ page }).analyze();
			const serious = result.violations.filter(
				(v) => v.impact === 'serious' || v.impact === 'critical'
			);
			expect(
				serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
			).toEqual([]);
		});
	}
}
