import { expect, test } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());
test.describe.configure({ mode: 'serial' });

const planTitle = async () =>
	(
		await sql`select p.id, p.title from local_plan p join territory t on t.id = p.municipality_id where t.soate_code = '41705258804000' order by p.id limit 1`
	)[0] as { id: number; title: string };
const lineOf = async (planId: number) =>
	(
		await sql`select b.id, b.activity_id, b.year, b.amount::text as amount from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${planId} order by a.section_id, a.position, b.year, b.id limit 1`
	)[0] as { id: number; activityId: number; year: number; amount: string };

test('staff submit; a deputy comments on a budget line and proposes a new amount; staff accept; the secretary records the vote and approves; the plan is locked by that decision', async ({
	page
}) => {
	const plan = await planTitle();
	const line = await lineOf(plan.id);

	await login(page, 'akturpak.staff', 'en');
	await page.goto(`/en/plans/${plan.id}`);
	await page.getByRole('button', { name: 'Submit to the kenesh' }).click();
	await expect(
		page.getByRole('heading', { name: /Kenesh review: before the kenesh/ })
	).toBeVisible();
	await expect(page.getByText(/Submitted to the kenesh on/)).toBeVisible();

	await page.context().clearCookies();
	await login(page, 'akturpak.deputy', 'en');
	await expect(page.locator('.bell .count')).toBeVisible();
	await page.goto(`/en/plans/${plan.id}/activities/${line.activityId}`);
	await page.locator('details.line-comments summary').first().click();
	const lineComments = page
		.locator('form.comment-form')
		.filter({ has: page.locator(`input[name=targetKind][value=budget_line]`) })
		.first();
	await lineComments
		.locator('textarea[name=body]')
		.fill('Бул сумма эмнеге мынча көп? Смета кайда?');
	await lineComments.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByText('Бул сумма эмнеге мынча көп? Смета кайда?')).toBeVisible();
	await page.getByText('Propose an amendment').click();
	const propose = page.locator('form[action^="?/propose#"]');
	await propose.getByLabel('What to change').selectOption(`budget_line:${line.id}`);
	await propose.getByLabel('New amount, som').fill('12 500');
	await propose.getByLabel('Why').fill('Смета боюнча азыраак жетет');
	await propose.getByRole('button', { name: 'Send the amendment' }).click();
	await expect(page.locator('.amendment').filter({ hasText: 'proposed' })).toBeVisible();

	await page.context().clearCookies();
	await login(page, 'akturpak.staff', 'en');
	await expect(page.locator('.bell .count')).toBeVisible();
	await page.goto(`/en/plans/${plan.id}/activities/${line.activityId}`);
	await page.locator('.amendment').getByRole('button', { name: 'Accept' }).click();
	await expect(page.locator('.amendment').filter({ hasText: 'accepted' })).toBeVisible();
	expect((await sql`select amount::text from budget_line where id = ${line.id}`)[0]!.amount).toBe(
		'12500.00'
	);

	await page.context().clearCookies();
	await login(page, 'akturpak.deputy', 'en');
	await page.goto(`/en/plans/${plan.id}`);
	await page.getByRole('link', { name: 'Record the session' }).click();
	await page.getByLabel('Session date').fill('2026-03-12');
	await page.getByLabel('Decision number').fill('14');
	await page.getByLabel('For', { exact: true }).fill('12');
	await page.getByLabel('Against').fill('1');
	await page.getByLabel('Abstained').fill('2');
	await page.getByRole('button', { name: 'Record the session' }).click();
	await expect(
		page.getByText(
			'Approved by kenesh decision No 14 of 12.03.2026. This version cannot be changed.'
		)
	).toBeVisible();
	await expect(page.locator('code.hash')).toHaveText(/^[0-9a-f]{64}$/);

	await page.context().clearCookies();
	await login(page, 'akturpak.staff', 'en');
	await page.goto(`/en/plans/${plan.id}/activities/${line.activityId}`);
	await expect(page.locator('form[action^="?/update#"]')).toHaveCount(0);
	const res = await page.request.post(`/plans/${plan.id}/activities/${line.activityId}?/update`, {
		form: {
			title: 'tampered',
			reason: '',
			responsible: '',
			partners: '',
			targetGroups: '',
			rowVersion: '1'
		},
		headers: {
			origin: new URL(page.url()).origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
	// posted to the Kyrgyz URL, so the refusal is in Kyrgyz and names the decision
	const body = await res.json();
	expect(body.status).toBe(409);
	expect(body.data).toContain('Кеңештин 12.03.2026 № 14 токтому менен бекитилген');
	expect((await sql`select title from activity where id = ${line.activityId}`)[0]!.title).not.toBe(
		'tampered'
	);
});

test('the demo holds Kyshtut’s approved plan with its session and a submitted plan awaiting the kenesh', async ({
	page
}) => {
	// the demo's plans (hearings.spec adds submitted plans of its own to Kyshtut)
	const rows =
		await sql`select p.state, count(s.id)::int as sessions from local_plan p join territory t on t.id = p.municipality_id left join kenesh_session s on s.local_plan_id = p.id where t.soate_code = '41705214835000' and p.title not like 'Угуулар үчүн план%' group by p.id order by p.id`;
	expect(rows.map((r) => r.state)).toEqual(['approved', 'submitted']);
	expect(rows[0]!.sessions).toBe(1);
	await login(page, 'batken.oblast', 'en');
	const [approved] =
		await sql`select p.id from local_plan p join territory t on t.id = p.municipality_id where t.soate_code = '41705214835000' and p.state = 'approved'`;
	await page.goto(`/en/plans/${approved!.id}`);
	await expect(page.getByText(/Approved by kenesh decision No 7 of 15\.04\.2025/)).toBeVisible();
});
