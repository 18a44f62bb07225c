import { expect, test, type APIRequestContext } from '@playwright/test';
import { loadImage } from '@napi-rs/canvas';
import { e2eSql, login, prefix } from './fixtures';
import { readPdf } from '../../src/lib/server/documents/read-pdf';

const sql = e2eSql();
test.afterAll(() => sql.end());

const SHOTS = process.env.SUMMARY_SHOTS;

/** Kyshtut's approved demo plan: the first approved plan, which no spec changes. */
/** The demo's approved Kyshtut plan (review.spec approves Ak-Turpak's too, for other staff). */
const approvedPlan = async () =>
	Number(
		(
			await sql`
				select p.id
				from local_plan p
				join territory t on t.id = p.municipality_id
				where p.state = 'approved'
					and t.soate_code = '41705214835000'
				order by p.id
				limit 1`
		)[0]!.id
	);

/** A download that the first time may wait for its render job (202 and a refreshing page). */
async function download(request: APIRequestContext, href: string) {
	let res = await request.get(href);
	for (let i = 0; i < 60 && res.status() === 202; i++) {
		await new Promise((r) => setTimeout(r, 500));
		res = await request.get(href);
	}
	expect(res.status(), href).toBe(200);
	return res;
}

const LABELS = {
	ky: {
		pdf: 'PDF, стенд үчүн (кыргызча)',
		png: 'Сүрөт, мессенджер үчүн (кыргызча)',
		panel: 'Бөлүшүү үчүн кыскача маалымат'
	},
	ru: {
		pdf: 'PDF для стенда (на русском)',
		png: 'Картинка для мессенджеров (на русском)',
		panel: 'Краткая справка, чтобы поделиться'
	}
};

for (const lang of ['ky', 'ru'] as const) {
	test(`${lang}: from the public plan page anyone downloads the plan's one-page summary as a PDF and a PNG`, async ({
		page,
		request
	}) => {
		const id = await approvedPlan();
		const [t] = await sql<{ nameKy: string; nameRu: string }[]>`
			select m.name_ky, m.name_ru from local_plan p join territory m on m.id = p.municipality_id where p.id = ${id}`;
		const { total } = (
			await sql<{ total: string }[]>`
			select floor(sum(b.amount))::bigint::text as total from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${id}`
		)[0]!;
		await page.goto(`${prefix(lang)}/public/plans/${id}`);
		const panel = page.getByRole('region', { name: LABELS[lang].panel });
		await expect(panel).toBeVisible();
		const shortLink = `${new URL(page.url()).origin}${prefix(lang)}/s/${id}`;
		await expect(panel.getByRole('link', { name: shortLink })).toBeVisible();
		if (SHOTS) {
			await panel.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/public-${lang}-1366.png` });
			await page.setViewportSize({ width: 390, height: 844 });
			await panel.scrollIntoViewIfNeeded();
			await page.screenshot({ path: `${SHOTS}/public-${lang}-390.png` });
			await page.setViewportSize({ width: 1366, height: 768 });
		}

		const pdfHref = await panel.getByRole('link', { name: LABELS[lang].pdf }).getAttribute('href');
		expect(pdfHref).toBe(`/public/plans/${id}/summary/pdf/${lang}`);
		const pdf = await download(request, pdfHref!);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		const bytes = new Uint8Array(await pdf.body());
		expect(bytes.length).toBeGreaterThan(10_000);
		const reading = await readPdf(bytes);
		expect(reading.pages).toBe(1);
		expect(Math.round(reading.sizes[0]!.width)).toBe(595);
		expect(Math.round(reading.sizes[0]!.height)).toBe(842);
		expect(reading.text).toContain(lang === 'ky' ? t!.nameKy : t!.nameRu);
		const grouped = total.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
		expect(reading.text).toContain(grouped);
		expect(reading.letters).toContain(shortLink);
		if (lang === 'ky') for (const ch of ['ң', 'ө', 'ү']) expect(reading.letters).toContain(ch);
		expect(reading.text).toContain(lang === 'ky' ? 'Кеңештеги аялдар' : 'Женщины в кенеше');

		const pngHref = await panel.getByRole('link', { name: LABELS[lang].png }).getAttribute('href');
		const png = await download(request, pngHref!);
		expect(png.headers()['content-type']).toBe('image/png');
		const image = await loadImage(await png.body());
		expect({ width: image.width, height: image.height }).toEqual({ width: 1080, height: 1350 });
		expect((await png.body()).length).toBeGreaterThan(20_000);
		if (SHOTS) {
			const { writeFileSync } = await import('node:fs');
			writeFileSync(`${SHOTS}/summary-${lang}.png`, await png.body());
			writeFileSync(`${SHOTS}/summary-${lang}.pdf`, bytes);
		}

		// the short link the summary prints leads to this page, in its language
		await page.goto(shortLink);
		await expect(page).toHaveURL(new RegExp(`${prefix(lang)}/public/plans/${id}$`));
	});
}

test('a submitted report has its summary and short link from the report list; drafts have none for the public', async ({
	page,
	request
}) => {
	const id = await approvedPlan();
	const [submitted] = await sql<{ period: string }[]>`
		select period from report where local_plan_id = ${id} and state = 'submitted' order by id limit 1`;
	await page.goto(`/ru/public/plans/${id}`);
	const item = page.locator(`#report-${submitted!.period}`);
	const href = await item
		.getByRole('link', { name: 'PDF для стенда (на русском)' })
		.getAttribute('href');
	expect(href).toBe(`/public/plans/${id}/reports/${submitted!.period}/summary/pdf/ru`);
	const reading = await readPdf(new Uint8Array(await (await download(request, href!)).body()));
	expect(reading.pages).toBe(1);
	expect(reading.text).toContain('Израсходовано');
	expect(reading.letters).toContain(`/ru/s/${id}/${submitted!.period}`);
	const go = await request.get(`/s/${id}/${submitted!.period}`, { maxRedirects: 0 });
	expect(go.status()).toBe(302);
	expect(go.headers()['location']).toBe(`/public/plans/${id}#report-${submitted!.period}`);

	const [draftReport] = await sql<{ period: string }[]>`
		select period from report where local_plan_id = ${id} and state = 'draft' order by id limit 1`;
	if (draftReport) {
		expect(
			(
				await request.get(`/public/plans/${id}/reports/${draftReport.period}/summary/pdf/ky`)
			).status()
		).toBe(404);
	}
	for (const state of ['draft', 'submitted']) {
		const [p] = await sql<{ id: number }[]>`
			select id from local_plan where state = ${state} order by id limit 1`;
		if (!p) continue;
		for (const f of ['pdf', 'png'])
			expect((await request.get(`/public/plans/${p.id}/summary/${f}/ky`)).status()).toBe(404);
		expect((await request.get(`/s/${p.id}`, { maxRedirects: 0 })).status()).toBe(404);
	}
});

test('staff find the summary on their approved plan’s page and on its submitted report, not on a draft plan', async ({
	page
}) => {
	const id = await approvedPlan();
	const [submitted] = await sql<{ period: string }[]>`
		select period from report where local_plan_id = ${id} and state = 'submitted' order by id limit 1`;
	await login(page, 'kyshtut.staff', 'ru');
	await page.goto(`/ru/plans/${id}`);
	const panel = page.getByRole('region', { name: LABELS.ru.panel });
	await expect(panel.getByRole('link', { name: LABELS.ru.pdf })).toHaveAttribute(
		'href',
		`/public/plans/${id}/summary/pdf/ru`
	);
	if (SHOTS) {
		await panel.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${SHOTS}/staff-plan-ru-1366.png` });
	}
	await page.goto(`/plans/${id}/reports/${submitted!.period}`);
	const links = page.getByTestId('report-share');
	await expect(links.getByRole('link', { name: LABELS.ky.png })).toHaveAttribute(
		'href',
		`/public/plans/${id}/reports/${submitted!.period}/summary/png/ky`
	);
	if (SHOTS) {
		await page.setViewportSize({ width: 390, height: 844 });
		await links.scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${SHOTS}/staff-report-ky-390.png` });
		await page.setViewportSize({ width: 1366, height: 768 });
	}
	const [draft] = await sql<{ id: number }[]>`
		select p.id from local_plan p join territory t on t.id = p.municipality_id
		join app_user u on u.username = 'kyshtut.staff'
		where p.state = 'draft' and p.municipality_id in (select territory_id from membership where user_id = u.id)
		order by p.id limit 1`;
	if (draft) {
		await page.goto(`/plans/${draft.id}`);
		await expect(page.getByRole('region', { name: LABELS.ky.panel })).toHaveCount(0);
	}
});
