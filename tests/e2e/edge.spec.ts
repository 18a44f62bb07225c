import { expect, test, type APIResponse } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

const AKTURPAK = '41705258804000';
const municipalityId = async () =>
	Number((await sql`select id from territory where soate_code = ${AKTURPAK}`)[0]!.id);

const NUL_REFUSED = {
	ky: 'Текстте сактоого мүмкүн болбогон көзгө көрүнбөс башкаруучу белгилер',
	ru: 'В тексте есть невидимые управляющие символы',
	en: 'The text contains invisible control characters'
};

/** The page's own policy (SvelteKit's) and the frame policy the hook adds, as one list of policies. */
const csp = (r: APIResponse) => r.headers()['content-security-policy'] ?? '';

test.describe('security headers', () => {
	test('a public page sends nosniff, strict-origin-when-cross-origin, refuses framing and stays cacheable', async ({
		request
	}) => {
		const r = await request.get('/public');
		expect(r.status()).toBe(200);
		const h = r.headers();
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
		expect(h['x-frame-options']).toBe('DENY');
		expect(csp(r)).toContain("frame-ancestors 'none'");
		// public pages keep the caching they had: no private/no-store added for anonymous readers
		expect(h['cache-control'] ?? '').not.toContain('no-store');
		// data and files carry nosniff too
		const api = await request.get('/api/v1/plans');
		expect(api.headers()['x-content-type-options']).toBe('nosniff');
	});

	test('a page shown to a signed-in user is kept by no cache: private, no-store, its data requests too', async ({
		page
	}) => {
		await login(page, 'akturpak.staff');
		const home = await page.request.get('/');
		expect(home.headers()['cache-control']).toBe('private, no-store');
		// a public page seen while signed in shows the user's name in its header: not cacheable either
		expect((await page.request.get('/public')).headers()['cache-control']).toBe(
			'private, no-store'
		);
		const data = page.waitForResponse((r) => r.url().includes('__data.json'));
		await page
			.getByRole('navigation', { name: 'Негизги меню' })
			.getByRole('link', { name: 'Улуттук пландар' })
			.click();
		expect((await data).headers()['cache-control']).toBe('private, no-store');
	});

	test('pages carry a Content-Security-Policy with no unsafe-inline script, and Svelte still hydrates under it', async ({
		page
	}) => {
		const violations: string[] = [];
		page.on('console', (msg) => {
			if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
		});
		await login(page, 'akturpak.staff', 'en');
		const response = await page.goto(`/en/plans/new?municipality=${await municipalityId()}`);
		const policy = response!.headers()['content-security-policy'];
		const scriptSrc = /script-src ([^;,]*)/.exec(policy!)?.[1] ?? '';
		expect(scriptSrc).toMatch(/'self'.*'nonce-[A-Za-z0-9+/=]+'/);
		expect(scriptSrc).not.toContain('unsafe-inline');
		expect(policy).toContain("object-src 'none'");
		// the yearly envelope fields follow the period only once Svelte runs in the page
		const envelopes = page.getByRole('group', { name: /envelope/i }).getByRole('textbox');
		const before = await envelopes.count();
		const start = Number(await page.getByLabel('First year').inputValue());
		await page.getByLabel('Last year').fill(String(start + before + 1));
		await expect(envelopes).toHaveCount(before + 2);
		expect(violations).toEqual([]);
	});
});

test.describe('control characters', () => {
	test("a NUL byte in the query string is refused with 400 in the user's language, never 500", async ({
		request
	}) => {
		for (const [path, lang] of [
			['/login?q=%00', 'ky'],
			['/ru/login?q=%00', 'ru'],
			['/en/catalogue?q=a%00b', 'en'],
			['/catalogue?q=%01', 'ky']
		] as const) {
			const r = await request.get(path, { headers: { accept: 'text/html' } });
			expect(r.status(), path).toBe(400);
			const html = await r.text();
			expect(html, path).toContain(`lang="${lang}"`);
			expect(html, path).toContain(NUL_REFUSED[lang]);
		}
		// tabs and line breaks are text, not control characters to refuse
		expect((await request.get('/catalogue?q=%09a%0D%0Ab')).status()).toBe(200);
		const api = await request.get('/api/v1/measures?q=%00');
		expect(api.status()).toBe(400);
		expect(api.headers()['content-type']).toContain('application/problem+json');
	});

	test('a NUL byte that reaches PostgreSQL through a path is answered 400, not 500', async ({
		request
	}) => {
		const r = await request.get('/api/v1/plans/abc%00def');
		expect(r.status()).toBe(400);
	});

	test('a form sent with JavaScript holding a NUL byte shows the message beside what was typed, and saves nothing', async ({
		page
	}) => {
		await login(page, 'akturpak.staff', 'ru');
		await page.goto(`/ru/plans/new?municipality=${await municipalityId()}`);
		const title = 'План с нулём\u0000внутри';
		await page.getByLabel('Название плана на кыргызском').fill(title);
		await page.getByLabel(/Разделы/).fill('Раздел один');
		await page.getByRole('button', { name: 'Создать план' }).click();
		await expect(page.getByRole('alert').filter({ hasText: NUL_REFUSED.ru })).toBeVisible();
		await expect(page.getByLabel('Название плана на кыргызском')).toHaveValue(title);
		expect(await sql`select id from local_plan where title like 'План с нулём%'`).toHaveLength(0);
	});

	test("a plain or multipart form post holding a NUL byte answers a 400 page in the user's language, never 500", async ({
		page,
		baseURL
	}) => {
		await login(page, 'akturpak.staff', 'en');
		const url = `/en/plans/new?municipality=${await municipalityId()}`;
		const fields = {
			title: 'Nul\u0000plan',
			kind: 'gender_plan',
			periodStart: '2026',
			periodEnd: '2027',
			sections: 'One'
		};
		const headers = { origin: baseURL!, accept: 'text/html' };
		for (const body of [{ form: fields }, { multipart: fields }]) {
			const r = await page.request.post(url, { ...body, headers, maxRedirects: 0 });
			expect(r.status()).toBe(400);
			const html = await r.text();
			expect(html).toContain('lang="en"');
			expect(html).toContain(NUL_REFUSED.en);
		}
		expect(await sql`select id from local_plan where title like 'Nul%'`).toHaveLength(0);
	});
});
