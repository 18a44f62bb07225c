import { expect, test } from '@playwright/test';
import { e2eSql } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

const planIn = async (state: string) =>
	Number((await sql`select id from local_plan where state = ${state} order by id limit 1`)[0].id);

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
