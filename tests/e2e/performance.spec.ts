import { expect, test, type Page } from '@playwright/test';
import { e2eSql, login } from './fixtures';
import type { Sql } from '../../src/lib/server/db';
import { seedLargePlan } from '../../src/lib/server/demo/national';

// One message of the root layout in each language (every page loads it): a script holding it carries
// that language's messages.
const MARKERS = {
	ky: 'Негизги мазмунга өтүү',
	ru: 'Перейти к содержанию',
	en: 'Skip to content'
} as const;
// A message only the national plan page shows: other pages' scripts do not carry it.
const NATIONAL_PLAN_ONLY = 'Өкмөттүн токтому';

/** The languages whose messages the scripts the page downloaded hold. */
function languagesIn(scripts: string[]): string[] {
	return (Object.keys(MARKERS) as (keyof typeof MARKERS)[]).filter((lang) =>
		scripts.some((s) => s.includes(MARKERS[lang]))
	);
}

/** The catalogue, by the main menu's link (in the browser, once the page has hydrated). */
async function toCatalogue(page: Page) {
	await page
		.getByRole('navigation', { name: 'Негизги меню' })
		.getByRole('link', { name: 'Улуттук пландар' })
		.click();
	await expect(page).toHaveURL(/\/catalogue$/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

function collectScripts(page: Page): string[] {
	const scripts: string[] = [];
	page.on('response', async (r) => {
		if (r.request().resourceType() === 'script' || r.url().endsWith('.js'))
			scripts.push(await r.text().catch(() => ''));
	});
	return scripts;
}

test.describe('bytes on a slow line', () => {
	test('signed-in pages and their data come compressed and marked private, never stored', async ({
		page
	}) => {
		await login(page, 'akturpak.staff');
		const sql = e2eSql();
		const [plan] = await sql<{ id: number }[]>`
			select p.id from local_plan p join territory t on t.id = p.municipality_id
			where t.soate_code = '41705258804000' order by p.id limit 1`;
		await sql.end();
		for (const path of ['/', `/plans/${plan!.id}`]) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			const headers = await response!.allHeaders();
			expect(['br', 'gzip'], path).toContain(headers['content-encoding']);
			expect(headers['cache-control'], path).toMatch(/\bprivate\b/);
			expect(headers['cache-control'], path).toMatch(/\bno-store\b/);
		}
		// the data a client-side navigation fetches
		const data = await page.request.get(`/plans/${plan!.id}/__data.json`, {
			headers: { 'accept-encoding': 'gzip' }
		});
		expect(data.status()).toBe(200);
		expect(data.headers()['content-encoding']).toBe('gzip');
		expect(data.headers()['cache-control']).toMatch(/\bprivate\b/);
	});

	test('an anonymous page the browser already holds comes back as 304 without a body when nothing changed', async ({
		request
	}) => {
		const first = await request.get('/public', { headers: { 'accept-encoding': 'br' } });
		expect(first.status()).toBe(200);
		expect(first.headers()['content-encoding']).toBe('br');
		// a compressed page's tag is weak, and that is the tag the browser sends back
		const etag = first.headers()['etag']!;
		expect(etag).toMatch(/^W\/"/);
		const again = await request.get('/public', {
			headers: { 'accept-encoding': 'br', 'if-none-match': etag }
		});
		expect(again.status()).toBe(304);
		expect((await again.body()).length).toBe(0);
		expect(again.headers()['etag']).toBe(etag);
		expect(again.headers()['cache-control']).toBe('no-cache');
		const other = await request.get('/public', { headers: { 'if-none-match': 'W/"other"' } });
		expect(other.status()).toBe(200);
		expect((await other.text()).length).toBeGreaterThan(1000);
	});

	test("an oblast's municipality list comes in the page's language only: one name per row, not every language's", async ({
		page
	}) => {
		await login(page, 'batken.oblast', 'ru');
		const data = await page.request.get('/ru/__data.json');
		expect(data.status()).toBe(200);
		const text = await data.text();
		// Sulukta, a town of Batken oblast, as its row shows it in Russian; neither its Kyrgyz nor its English name
		expect(text).toContain('Сулюкта');
		expect(text).not.toContain('Сүлүктү');
		expect(text).not.toContain('Sulukta');
		await page.goto('/ru/');
		const row = page.getByRole('row').filter({ hasText: 'Сулюкта' });
		await expect(row.getByRole('link', { name: 'Сулюкта' })).toHaveAttribute(
			'href',
			/^\/ru\/territories\/\d+$/
		);
	});

	test('a Kyrgyz page downloads the Kyrgyz messages only, and only its own, also after moving to another page', async ({
		page
	}) => {
		// a draft of its own: the demo's plans may have been submitted or emptied by other tests
		const sql = e2eSql();
		const [m] = await sql<
			{ id: number }[]
		>`select id from territory where soate_code = '41705258804000'`;
		const planId = await seedLargePlan(sql as unknown as Sql, {
			municipalityId: Number(m!.id),
			activities: 5
		});
		await sql.end();
		const scripts = collectScripts(page);
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await login(page, 'akturpak.staff');
		// the messages are cut per page too: the login and home pages carry none of another page's
		await page.waitForLoadState('networkidle');
		expect(scripts.some((s) => s.includes(NATIONAL_PLAN_ONLY))).toBe(false);
		// a plan page with every editing control hydrates: each message it names reached the browser
		await page
			.getByRole('navigation', { name: 'Негизги меню' })
			.getByRole('link', { name: 'Менин муниципалитетим' })
			.click();
		await page.locator(`ul.plan-list a.plan-title[href="/plans/${planId}"]`).click();
		await expect(page.getByRole('button', { name: 'Кеңештин кароосуна киргизүү' })).toBeVisible();
		await expect(page.locator('table.activities').first()).toBeVisible();
		await page.waitForLoadState('networkidle');
		expect(errors).toEqual([]);
		await toCatalogue(page);
		await page.waitForLoadState('networkidle');
		expect(languagesIn(scripts)).toEqual(['ky']);
		expect(errors).toEqual([]);
	});

	test('a link followed in the browser asks the server for its data alone: no round trip to look up the route first', async ({
		page
	}) => {
		const asked: string[] = [];
		page.on('request', (r) => {
			const url = new URL(r.url());
			if (!url.pathname.startsWith('/_app/')) asked.push(url.pathname);
		});
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await login(page, 'akturpak.staff');
		await page.waitForLoadState('networkidle');
		// a mark on the window: a full page load would lose it
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		asked.length = 0;
		await toCatalogue(page);
		await page.waitForLoadState('networkidle');
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
			true
		);
		// resolved by the server, the route would first be asked for as /catalogue/__route.js
		expect(new Set(asked.filter((p) => p.startsWith('/catalogue')))).toEqual(
			new Set(['/catalogue/__data.json'])
		);
		expect(errors).toEqual([]);
	});

	test('a Russian page downloads the Russian messages only, and shows Russian after hydration', async ({
		page
	}) => {
		const scripts = collectScripts(page);
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto('/ru/catalogue');
		await page.waitForLoadState('networkidle');
		await expect(page.getByRole('link', { name: 'Национальные планы' }).first()).toBeVisible();
		expect(languagesIn(scripts)).toEqual(['ru']);
		expect(errors).toEqual([]);
	});
});
