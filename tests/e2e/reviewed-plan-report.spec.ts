import { expect, test } from '@playwright/test';
import { readPdf } from '../../src/lib/server/documents/read-pdf';
import { demoPhoto } from '../../src/lib/server/reports/demo-files';
import { e2eSql, login } from './fixtures';

// Runs after review.spec (files run in name order), which approves Ak-Turpak's demo plan: a plan
// with no report yet, so its 2026 can still be made quarterly.
const sql = e2eSql();
test.afterAll(() => sql.end());
test.describe.configure({ mode: 'serial' });

/** Ak-Turpak's approved plan, an activity with an indicator by sex and a 2026 budget line. */
async function akTurpak() {
	const [plan] = await sql`
		select p.id from local_plan p join territory t on t.id = p.municipality_id
		where t.soate_code = '41705258804000' and p.state = 'approved' order by p.id desc limit 1`;
	expect(plan, 'review.spec approves Ak-Turpak’s plan before this file runs').toBeTruthy();
	const [row] = await sql`
		select a.id as activity_id, i.id as indicator_id, b.id as line_id
		from activity a
		join plan_section s on s.id = a.section_id
		join indicator i on i.activity_id = a.id
		join budget_line b on b.activity_id = a.id and b.year = 2026
		where a.local_plan_id = ${plan!.id}
			and exists (select 1 from indicator_value v where v.indicator_id = i.id and v.sex = 'female')
		order by s.position, a.position, a.id, i.position, i.id, b.id
		limit 1`;
	return {
		planId: Number(plan!.id),
		activityId: Number(row!.activityId),
		indicatorId: Number(row!.indicatorId),
		lineId: Number(row!.lineId)
	};
}

test('staff fill a quarterly report on the page in Kyrgyz (an activity done, women and men, money spent, a photo) and submit it; the deputy comments on its spending line in Russian; the oblast representative sees both; the public page lists it and its PDF shows ң ө ү', async ({
	page,
	request
}) => {
	const k = await akTurpak();
	await login(page, 'akturpak.staff', 'ky');
	await page.goto(`/plans/${k.planId}/reports`);
	await expect(page.getByRole('heading', { name: 'Аткаруу боюнча отчеттор' })).toBeVisible();
	const schedule = page.locator('form#schedule-2026');
	await schedule.locator('select[name=frequency]').selectOption('quarter');
	await schedule.getByRole('button', { name: 'Сактоо' }).click();
	await expect(page.getByRole('link', { name: '2026-жыл, 4-чейрек' })).toBeVisible();
	await page.getByRole('link', { name: '2026-жыл, 4-чейрек' }).click();

	const form = page.locator(`form#activity-${k.activityId}`);
	await form.locator('select[name=status]').selectOption('done');
	await form.getByLabel('Эмне аткарылды').fill('Үч жолугушуу өткөрүлдү, аялдар кеңеши катышты.');
	await form.locator(`input[name=female_${k.indicatorId}]`).fill('12');
	await form.locator(`input[name=male_${k.indicatorId}]`).fill('7');
	await form.locator(`input[name=spent_${k.lineId}]`).fill('10 250,75');
	await form.getByRole('button', { name: 'Сактоо' }).click();
	await expect(form.getByRole('status')).toHaveText('Сакталды.');

	const evidence = page.locator(`form#evidence-${k.activityId}`);
	await evidence.locator('input[type=file]').setInputFiles({
		name: 'жолугушуу.png',
		mimeType: 'image/png',
		buffer: Buffer.from(demoPhoto())
	});
	await evidence.getByRole('button', { name: 'Жүктөө' }).click();
	await expect(page.getByTestId(`evidence-${k.activityId}`)).toContainText('жолугушуу.png');

	await page.getByRole('button', { name: 'Отчетту тапшыруу' }).click();
	await expect(page.getByText('Отчет тапшырылды.')).toBeVisible();
	await expect(page.getByTestId('report-state')).toHaveText('Тапшырылды');
	const [r] = await sql`
		select id, state, content_hash, snapshot from report
		where local_plan_id = ${k.planId} and period = '2026Q4'`;
	expect(r!.state).toBe('submitted');
	expect(
		await sql`select sex, value::text as value from report_indicator_value
			where report_id = ${r!.id} and indicator_id = ${k.indicatorId} order by sex`
	).toEqual([
		{ sex: 'female', value: '12.00' },
		{ sex: 'male', value: '7.00' }
	]);
	const [spent] =
		await sql`select spent::text as spent from report_spending where report_id = ${r!.id} and budget_line_id = ${k.lineId}`;
	expect(spent!.spent).toBe('10250.75');
	expect(r!.snapshot.evidence.map((e: { fileName: string }) => e.fileName)).toEqual([
		'жолугушуу.png'
	]);

	// the deputy comments on the spending line, in Russian
	await page.context().clearCookies();
	await login(page, 'akturpak.deputy', 'ru');
	await page.goto(`/ru/plans/${k.planId}/reports/2026Q4`);
	await expect(page.getByTestId('report-state')).toHaveText('Сдан');
	const comment = page.locator(`form#comment-${k.activityId}`);
	await comment.getByLabel('О чём').selectOption(`report_spending:${k.lineId}`);
	await comment.getByLabel('Написать комментарий').fill('Какие расходы ещё ожидаются в этом году?');
	await comment.getByRole('button', { name: 'Отправить' }).click();
	const activity = page.locator(`#a-${k.activityId}`);
	await expect(activity.locator('ul.comments')).toContainText(
		'Какие расходы ещё ожидаются в этом году?'
	);

	// the oblast representative sees the submitted report and the deputy's comment
	await page.context().clearCookies();
	await login(page, 'batken.oblast', 'ru');
	await page.goto(`/ru/plans/${k.planId}/reports`);
	await expect(page.locator('tr', { hasText: '2026 год, 4-й квартал' })).toContainText('Сдан');
	await page.getByRole('link', { name: '2026 год, 4-й квартал' }).click();
	await expect(page.locator(`#a-${k.activityId}`)).toContainText('Женщины: 12 · Мужчины: 7');
	await expect(page.locator(`#a-${k.activityId}`).locator('ul.comments')).toContainText(
		'Какие расходы ещё ожидаются в этом году?'
	);

	// the public page lists it; its PDF in Kyrgyz shows the spending and ң ө ү
	await page.context().clearCookies();
	await page.goto(`/public/plans/${k.planId}`);
	const panel = page.getByRole('region', { name: 'Аткаруу боюнча отчеттор' });
	await expect(panel).toContainText('2026-жыл, 4-чейрек');
	const href = `/public/plans/${k.planId}/reports/2026Q4/pdf/ky`;
	await expect(panel.locator(`a[href="${href}"]`)).toHaveCount(1);
	let pdf = await request.get(href);
	for (let i = 0; i < 60 && pdf.status() === 202; i++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		pdf = await request.get(href);
	}
	expect(pdf.status()).toBe(200);
	const reading = await readPdf(new Uint8Array(await pdf.body()));
	expect(reading.text).toContain('10 250,75');
	for (const ch of ['ң', 'ө', 'ү']) expect(reading.letters).toContain(ch);
});
