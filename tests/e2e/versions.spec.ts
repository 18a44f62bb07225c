import { expect, test } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

// runs after reports.spec.ts, whose kenesh hearing is recorded on the 2025 report's first version
test('staff correct the submitted 2025 Kyshtut report (ky): a new version, a spent amount changed, submitted, the change shown old → new and version 1 still readable', async ({
	page
}) => {
	const [line] = await sql`
		select p.id as plan_id, s.activity_id, rs.budget_line_id, rs.spent::text as spent
		from report r
		join local_plan p on p.id = r.local_plan_id
		join territory t on t.id = p.municipality_id
		join report_spending rs on rs.report_id = r.id
		join budget_line s on s.id = rs.budget_line_id
		where t.soate_code = '41705214835000' and r.period = '2025' and r.version = 1 and rs.spent = 38500
		limit 1`;
	expect(line, 'the demo spent 38 500 on a 2025 line').toBeTruthy();
	await login(page, 'kyshtut.staff', 'ky');
	await page.goto(`/plans/${line!.planId}/reports/2025`);
	await expect(page.getByTestId('report-state')).toHaveText('Тапшырылды');
	await expect(page.locator(`form#activity-${line!.activityId}`)).toHaveCount(0);
	await page.getByRole('button', { name: 'Оңдоону баштоо' }).click();
	await expect(page.getByText('Оңдоо башталды: 2-версия.')).toBeVisible();
	await expect(page.getByText('Азырынча эч нерсе өзгөргөн жок.')).toBeVisible();

	const form = page.locator(`form#activity-${line!.activityId}`);
	const spent = form.locator(`input[name=spent_${line!.budgetLineId}]`);
	await expect(spent).toHaveValue('38 500');
	await spent.fill('41 000');
	await form.getByRole('button', { name: 'Сактоо' }).click();
	await expect(form.getByRole('status')).toHaveText('Сакталды.');
	await page.getByRole('button', { name: 'Отчетту тапшыруу' }).click();
	await expect(page.getByText('Отчет тапшырылды.')).toBeVisible();

	const changes = page.getByTestId('report-changes');
	await expect(
		page.getByRole('heading', { name: '1-версияга салыштырмалуу эмне өзгөрдү' })
	).toBeVisible();
	const row = changes.locator('tbody tr', { hasText: 'Сарпталды, сом' });
	await expect(row).toHaveCount(1);
	await expect(row.locator('td.old')).toHaveText(/^38\s500$/);
	await expect(row.locator('td.new')).toHaveText(/^41\s000$/);
	const versions = page.getByTestId('report-versions');
	await expect(versions.getByRole('link', { name: '2-версия' })).toHaveAttribute(
		'aria-current',
		'page'
	);

	await versions.getByRole('link', { name: '1-версия' }).click();
	await expect(page.getByTestId('report-version-older')).toContainText('Акыркысы — 2-версия.');
	await expect(page.getByTestId('report-changes')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Оңдоону баштоо' })).toHaveCount(0);
	const stored = await sql`
		select version, state from report where local_plan_id = ${line!.planId} and period = '2025' order by version`;
	expect(stored.map((r) => [r.version, r.state])).toEqual([
		[1, 'submitted'],
		[2, 'submitted']
	]);
});
