import { expect, test } from '@playwright/test';
import { e2eSql } from './fixtures';
import { readPdf } from '../../src/lib/server/documents/read-pdf';

const sql = e2eSql();
test.afterAll(() => sql.end());

const planIn = async (state: string) =>
	Number((await sql`select id from local_plan where state = ${state} order by id limit 1`)[0]!.id);

test('anyone reads an approved plan online and downloads it as PDF and XLSX, without logging in', async ({
	page,
	request
}) => {
	await page.goto('/public');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Бекитилген жергиликтүү пландар'
	);
	await page.getByRole('link', { name: /Кыштут айыл аймагынын/ }).click();
	await expect(page.getByText(/№ 7 токтому менен бекитилген/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Гендердик бюджет' })).toBeVisible();
	const id = await planIn('approved');
	let pdf = await request.get(`/public/plans/${id}/pdf/ky`);
	for (let i = 0; i < 60 && pdf.status() === 202; i++) {
		await new Promise((r) => setTimeout(r, 500));
		pdf = await request.get(`/public/plans/${id}/pdf/ky`);
	}
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const xlsx = await request.get(`/public/plans/${id}/xlsx/ru`);
	expect(xlsx.status()).toBe(200);
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
});

test('the public page, its downloads and the public API refuse a draft or a plan before the kenesh', async ({
	page,
	request
}) => {
	for (const state of ['draft', 'submitted']) {
		const id = await planIn(state);
		expect((await page.goto(`/public/plans/${id}`))!.status()).toBe(404);
		expect((await request.get(`/public/plans/${id}/pdf/ky`)).status()).toBe(404);
		expect((await request.get(`/public/plans/${id}/xlsx/ky`)).status()).toBe(404);
		expect((await request.get(`/api/v1/public/local-plans/${id}`)).status()).toBe(404);
	}
	const list = await (await request.get('/api/v1/public/local-plans')).json();
	expect(list.localPlans.map((p: { id: number }) => p.id)).toEqual([await planIn('approved')]);
	const one = await (
		await request.get(`/api/v1/public/local-plans/${await planIn('approved')}`)
	).json();
	expect(one).toMatchObject({
		decision: { number: '7', date: '2025-04-15' },
		municipality: { soateCode: '41705214835000' }
	});
	expect(one.sections[0].activities[0].nationalSource).toMatchObject({
		planKey: expect.any(String),
		measureId: expect.any(String)
	});
	expect(one.summary.total.total).toBe('1060000.00');
});

test('the public plan page lists its submitted reports, and the public API gives each as submitted but never a draft', async ({
	page,
	request
}) => {
	const id = await planIn('approved');
	const reports = await sql<{ id: number; period: string; state: string; contentHash: string }[]>`
		select id, period, state, content_hash from report where local_plan_id = ${id} order by id`;
	const submitted = reports.find((r) => r.state === 'submitted')!;
	const draft = reports.find((r) => r.state === 'draft')!;
	await page.goto(`/ru/public/plans/${id}`);
	const panel = page.getByRole('region', { name: 'Отчёты о выполнении' });
	await expect(panel.getByRole('listitem')).toHaveCount(
		reports.filter((r) => r.state === 'submitted').length
	);
	await expect(panel).toContainText(submitted.contentHash.slice(0, 16));
	await expect(panel.getByRole('link', { name: 'данные (JSON)' }).first()).toHaveAttribute(
		'href',
		`/api/v1/public/local-plans/${id}/reports/${submitted.id}`
	);
	const list = await request.get(`/api/v1/public/local-plans/${id}/reports`);
	expect(list.status()).toBe(200);
	expect((await list.json()).reports.map((r: { id: number }) => r.id)).not.toContain(draft.id);
	const one = await request.get(`/api/v1/public/local-plans/${id}/reports/${submitted.id}`);
	expect(one.status()).toBe(200);
	const body = await one.json();
	expect(body).toMatchObject({ period: submitted.period, contentHash: submitted.contentHash });
	expect(body.summary.total).toBeTruthy();
	expect(body.sections.length).toBeGreaterThan(0);
	expect((await request.get(`/api/v1/public/local-plans/${id}/reports/${draft.id}`)).status()).toBe(
		404
	);
});

test('the public plan page links each submitted report’s document, and its PDF downloads in Kyrgyz with ң ө ү', async ({
	page,
	request
}) => {
	const id = await planIn('approved');
	const [submitted] = await sql<{ period: string }[]>`
		select period from report where local_plan_id = ${id} and state = 'submitted' order by id limit 1`;
	await page.goto(`/public/plans/${id}`);
	const panel = page.getByRole('region', { name: 'Аткаруу боюнча отчеттор' });
	const link = panel.getByRole('link', { name: 'PDF (кыргызча)' }).first();
	const href = await link.getAttribute('href');
	expect(href).toBe(`/public/plans/${id}/reports/${submitted!.period}/pdf/ky`);
	// submission queued the render: it is ready, or shortly so
	let pdf = await request.get(href!);
	for (let i = 0; i < 60 && pdf.status() === 202; i++) {
		await new Promise((r) => setTimeout(r, 500));
		pdf = await request.get(href!);
	}
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const reading = await readPdf(new Uint8Array(await pdf.body()));
	expect(reading.text).toContain('Гендердик аракеттер планынын аткарылышы жөнүндө отчёт');
	for (const ch of ['ң', 'ө', 'ү']) expect(reading.letters).toContain(ch);
	const list = await (await request.get(`/api/v1/public/local-plans/${id}/reports`)).json();
	expect(list.reports[0].documents.ru).toEqual({
		pdf: `/public/plans/${id}/reports/${submitted!.period}/pdf/ru`,
		xlsx: `/public/plans/${id}/reports/${submitted!.period}/xlsx/ru`
	});
	let xlsx = await request.get(list.reports[0].documents.ru.xlsx);
	for (let i = 0; i < 60 && xlsx.status() === 202; i++) {
		await new Promise((r) => setTimeout(r, 500));
		xlsx = await request.get(list.reports[0].documents.ru.xlsx);
	}
	expect(xlsx.status()).toBe(200);
	expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
});

test('the public list is narrowed to an oblast with a plain form, from the figures’ table too, and a page past the end leads back', async ({
	page
}) => {
	await page.goto('/public');
	const plans = page.getByRole('region', { name: 'Бекитилген пландардын тизмеси' });
	await plans.getByLabel('Облус / шаар').selectOption('KG05');
	await plans.getByRole('button', { name: 'Көрсөтүү' }).click();
	await expect(page).toHaveURL(/\/public\?oblast=KG05#plans$/);
	await expect(plans.getByRole('link', { name: /Кыштут/ }).first()).toBeVisible();
	await expect(plans.getByLabel('Облус / шаар')).toHaveValue('KG05');
	await expect(plans.locator('tbody td:nth-child(2)').first()).toHaveText('Баткен');

	await plans.getByLabel('Облус / шаар').selectOption('KG02');
	await plans.getByRole('button', { name: 'Көрсөтүү' }).click();
	await expect(plans).toContainText('азырынча бекитилген план жок');
	await expect(plans.getByRole('table')).toHaveCount(0);

	await page.goto('/ru/public');
	await page.locator('tr[data-oblast="KG05"] th a').click();
	await expect(page).toHaveURL(/\/ru\/public\?oblast=KG05#plans$/);
	await expect(page.getByText(/^Планы 1–\d+ из \d+$/)).toBeVisible();

	await page.goto('/ru/public?page=40');
	const ru = page.getByRole('region', { name: 'Список утверждённых планов' });
	await expect(ru).toContainText('На этой странице планов нет.');
	await ru.getByRole('link', { name: 'К первой странице' }).click();
	await expect(ru.getByRole('link', { name: /Кыштут/ }).first()).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Страницы списка' })).toHaveCount(0);
});
