import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());
test.describe.configure({ mode: 'serial' });

/** Kyshtut's approved plan, its first activity with that activity's indicator and 2026 budget line. */
async function kyshtut() {
	const [plan] = await sql`
		select p.id from local_plan p join territory t on t.id = p.municipality_id
		where t.soate_code = '41705214835000' and p.state = 'approved' order by p.id limit 1`;
	const [a] = await sql`
		select a.id from activity a join plan_section s on s.id = a.section_id
		where a.local_plan_id = ${plan!.id} order by s.position, a.position, a.id limit 1`;
	const [ind] =
		await sql`select id from indicator where activity_id = ${a!.id} order by position, id limit 1`;
	const [line] = await sql`
		select id from budget_line where activity_id = ${a!.id} and year = 2026 order by id limit 1`;
	return {
		planId: Number(plan!.id),
		activityId: Number(a!.id),
		indicatorId: Number(ind!.id),
		lineId: Number(line!.id)
	};
}

test('staff fill the second half of 2026 on the page (an activity done, women and men reached, money spent) and submit it; a deputy reads it, frozen', async ({
	page
}) => {
	const k = await kyshtut();
	await login(page, 'kyshtut.staff', 'ru');
	await page.goto(`/ru/plans/${k.planId}`);
	await page.getByRole('link', { name: 'Отчёты о выполнении' }).click();
	await expect(page.getByRole('heading', { name: 'Отчёты о выполнении' })).toBeVisible();
	// the first half of 2026 was due on 15.07.2026 and is still a draft
	await expect(page.locator('tr.late')).toContainText('2026 год, 1-е полугодие');
	await expect(page.locator('tr.late')).toContainText('Просрочен');
	await page.getByRole('link', { name: '2026 год, 2-е полугодие' }).click();
	await expect(
		page.getByRole('heading', { name: /Отчёт о выполнении: 2026 год, 2-е полугодие/ })
	).toBeVisible();

	const form = page.locator(`form#activity-${k.activityId}`);
	await form.getByLabel('Статус').selectOption('done');
	await form.getByLabel('Что сделано').fill('Проведены три собрания рабочей группы.');
	await form.locator(`input[name=female_${k.indicatorId}]`).fill('14');
	await form.locator(`input[name=male_${k.indicatorId}]`).fill('9');
	await form.locator(`input[name=spent_${k.lineId}]`).fill('21 500,50');
	await form.locator(`input[name=women_${k.lineId}]`).fill('30');
	await form.getByRole('button', { name: 'Сохранить' }).click();
	await expect(form.getByRole('status')).toHaveText('Сохранено.');
	await expect(page.getByTestId('report-state')).toHaveText('Заполняется');

	const [r] =
		await sql`select id, state from report where local_plan_id = ${k.planId} and period = '2026S2'`;
	expect(r!.state).toBe('draft');
	expect(
		await sql`select sex, value::text as value from report_indicator_value where report_id = ${r!.id} order by sex`
	).toEqual([
		{ sex: 'female', value: '14.00' },
		{ sex: 'male', value: '9.00' }
	]);
	expect(
		(
			await sql`select spent::text as spent, reached_women from report_spending where report_id = ${r!.id}`
		)[0]
	).toEqual({ spent: '21500.50', reachedWomen: 30 });
	// 21 500.50 of the 45 000 planned for 2026 on this line; of the 330 000 of all 2026 lines
	await expect(
		form.locator('tr', { has: page.locator(`input[name=spent_${k.lineId}]`) })
	).toContainText('47,8 %');
	await expect(page.getByTestId('report-summary').locator('tfoot')).toContainText('6,5 %');

	await page.getByRole('button', { name: 'Сдать отчёт' }).click();
	await expect(page.getByText('Отчёт сдан.')).toBeVisible();
	await expect(page.getByTestId('report-state')).toHaveText('Сдан');
	await expect(page.locator(`form#activity-${k.activityId}`)).toHaveCount(0);
	const [submitted] = await sql`select state, content_hash from report where id = ${r!.id}`;
	expect(submitted!.state).toBe('submitted');
	await expect(page.getByText(submitted!.contentHash)).toBeVisible();

	await page.context().clearCookies();
	await login(page, 'kyshtut.deputy', 'ru');
	await page.goto(`/ru/plans/${k.planId}/reports`);
	await expect(page.locator('tr', { hasText: '2026 год, 2-е полугодие' })).toContainText('Сдан');
	await page.getByRole('link', { name: '2026 год, 2-е полугодие' }).click();
	const first = page.locator(`#a-${k.activityId}`);
	await expect(first.getByTestId('activity-status')).toHaveText('Выполнено');
	await expect(first).toContainText('Проведены три собрания рабочей группы.');
	await expect(first).toContainText('Женщины: 14 · Мужчины: 9 · Всего: 23');
	await expect(first.locator('input[inputmode=decimal]')).toHaveCount(0);
	// the deputy comments on the spending line
	const comment = page.locator(`form#comment-${k.activityId}`);
	await comment.getByLabel('О чём').selectOption(`report_spending:${k.lineId}`);
	await comment.getByLabel('Написать комментарий').fill('Почему освоено меньше половины?');
	await comment.getByRole('button', { name: 'Отправить' }).click();
	await expect(first.locator('ul.comments')).toContainText('Почему освоено меньше половины?');
	await expect(first.locator('ul.comments')).toContainText('Расход: Местный бюджет, план 45 000');
	// the first half of 2026 is not submitted: the deputy sees its state, not its draft
	await page.goto(`/ru/plans/${k.planId}/reports/2026S1`);
	await expect(page.getByTestId('report-state')).toHaveText('Просрочен');
	await expect(page.getByText('Этот отчёт ещё не сдан.', { exact: false })).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a cancelled activity without its reason is refused beside the field, and saved once the reason is given', async ({
		page
	}) => {
		const k = await kyshtut();
		await login(page, 'kyshtut.staff');
		await page.goto(`/plans/${k.planId}/reports/2026S1`);
		const form = page.locator(`form#activity-${k.activityId}`);
		await form.getByLabel('Абалы').selectOption('cancelled');
		await form.getByRole('button', { name: 'Сактоо' }).click();
		await expect(page.locator(`form#activity-${k.activityId} .error-summary`)).toBeVisible();
		const again = page.locator(`form#activity-${k.activityId}`);
		await again.getByLabel('Себеби', { exact: false }).selectOption('no_funding');
		await again.getByRole('button', { name: 'Сактоо' }).click();
		await expect(page.locator(`form#activity-${k.activityId}`).getByRole('status')).toHaveText(
			'Сакталды.'
		);
		const [row] = await sql`
			select ra.status, ra.reason from report_activity ra join report r on r.id = ra.report_id
			where r.local_plan_id = ${k.planId} and r.period = '2026S1' and ra.activity_id = ${k.activityId}`;
		expect(row).toEqual({ status: 'cancelled', reason: 'no_funding' });
	});

	test('the kenesh secretary records that the kenesh heard the 2025 report (ru): a day before the submission is refused beside the field, keeping the number', async ({
		page
	}) => {
		const k = await kyshtut();
		await login(page, 'kyshtut.deputy', 'ru');
		await page.goto(`/ru/plans/${k.planId}/reports/2025`);
		const form = page.locator('form#hearing');
		await form.getByLabel('Дата заседания кенеша').fill('2026-01-05');
		await form.getByLabel('Номер решения').fill('12/3');
		await form.getByRole('button', { name: 'Записать' }).click();
		const again = page.locator('form#hearing');
		await expect(again).toContainText('Отчёт сдан 12.01.2026: кенеш не мог заслушать его раньше.');
		await expect(again.getByLabel('Номер решения')).toHaveValue('12/3');
		await again.getByLabel('Дата заседания кенеша').fill('2026-02-10');
		await again.getByRole('button', { name: 'Записать' }).click();
		await expect(page.getByTestId('report-hearing')).toHaveText(
			'Кенеш заслушал отчёт 10.02.2026, решение № 12/3.'
		);
		await expect(page.locator('form#hearing')).toHaveCount(0);
		await page.goto(`/ru/plans/${k.planId}/reports`);
		await expect(page.getByRole('row', { name: /2025/ })).toContainText('10.02.2026, № 12/3');
		const rows = await sql`select 1 from report_hearing`;
		expect(rows).toHaveLength(1);
	});
});

test('the reports list and a report being filled have no serious or critical accessibility violation', async ({
	page
}) => {
	const k = await kyshtut();
	await login(page, 'kyshtut.staff');
	for (const path of [`/plans/${k.planId}/reports`, `/plans/${k.planId}/reports/2026S1`]) {
		await page.goto(path);
		const result = await new AxeBuilder({ page }).analyze();
		expect(
			result.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
		).toEqual([]);
	}
});
