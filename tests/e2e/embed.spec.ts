import AxeBuilder from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
const KYSHTUT = '41705214835000'; // an approved plan and its submitted 2025 report (the demo)
const AKTURPAK = '41705258804000'; // a draft plan only

/**
 * Another site — another origin, 127.0.0.1 on a port of its own beside the app's localhost — whose
 * page frames `src`; it notes when the frame has loaded, whatever the frame showed.
 */
let host: Server;
let hostOrigin = '';
let framed = '';
test.beforeAll(async () => {
	host = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(`<!doctype html><html><head><title>Kyshtut aiyl okmotu</title></head><body>
<h1>Кыштут айыл өкмөтүнүн сайты</h1>
<iframe src="${framed}" title="plan" width="600" height="600" onload="document.body.dataset.loaded = 'yes'"></iframe>
</body></html>`);
	});
	await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
	hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
	await new Promise((resolve) => host.close(resolve));
	await sql`update app_user set low_vision = false where username = 'kyshtut.deputy'`;
	await sql.end();
});

/** Opens the other site's page framing `url` of the app, once the frame has loaded. */
async function frameOnOtherSite(page: Page, url: string) {
	framed = new URL(url, test.info().project.use.baseURL).href;
	await page.goto(`${hostOrigin}/`);
	await expect(page.locator('body')).toHaveAttribute('data-loaded', 'yes');
	const frame = page.frames().find((f) => f !== page.mainFrame());
	if (!frame) throw new Error('no frame');
	return frame;
}

test.describe('the embeddable view', () => {
	test('a municipality’s approved plan and latest report show inside an iframe on another site, in Kyrgyz and Russian', async ({
		page
	}) => {
		const frame = await frameOnOtherSite(page, `/embed/${KYSHTUT}`);
		await expect(frame.locator('h1')).toHaveText('Жергиликтүү өнүгүү планы');
		await expect(frame.locator('.embed-place')).toHaveText('Кыштут');
		await expect(frame.getByText(/токтому менен бекитилген/)).toBeVisible();
		await expect(frame.getByRole('heading', { name: 'Акыркы отчет' })).toBeVisible();
		await expect(frame.getByText('2025-жыл', { exact: true })).toBeVisible();
		const full = frame.getByRole('link', { name: 'Толук планды ачуу' });
		expect(await full.getAttribute('href')).toMatch(/^\/public\/plans\/\d+$/);
		// no header of the app, no sign-in asked
		await expect(frame.getByRole('navigation')).toHaveCount(0);

		const ru = await frameOnOtherSite(page, `/ru/embed/${KYSHTUT}`);
		await expect(ru.locator('h1')).toHaveText('План местного развития');
		await expect(ru.getByRole('heading', { name: 'Последний отчёт' })).toBeVisible();
		expect(
			await ru.getByRole('link', { name: 'Открыть полный план' }).getAttribute('href')
		).toMatch(/^\/ru\/public\/plans\/\d+$/);
	});

	test('every other page still refuses to be framed by another site', async ({ page }) => {
		for (const url of ['/public', '/login', `/embedded`]) {
			const frame = await frameOnOtherSite(page, url);
			// Chromium shows its own error page in place of a refused frame
			await expect(frame.locator('main#main')).toHaveCount(0);
		}
		const embed = await page.request.get(`/embed/${KYSHTUT}`);
		expect(embed.headers()['x-frame-options']).toBeUndefined();
		expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
		const other = await page.request.get('/public');
		expect(other.headers()['x-frame-options']).toBe('DENY');
	});

	test('a municipality without an approved plan says so; an unknown code is not found, in the page’s language', async ({
		page
	}) => {
		await page.goto(`/embed/${AKTURPAK}`);
		await expect(page.getByText('Кеңеш бекиткен план азырынча жок.')).toBeVisible();
		await page.goto(`/ru/embed/${AKTURPAK}`);
		await expect(page.getByText('Утверждённого кенешем плана пока нет.')).toBeVisible();
		for (const code of ['00000000000000', '41705214000000', 'abc']) {
			const r = await page.goto(`/ru/embed/${code}`);
			expect(r?.status()).toBe(404);
			await expect(page.locator('h1')).toHaveText('Такая страница не найдена.');
			// the way home leaves the frame: this site's other pages refuse to be framed
			await expect(page.locator('main a[href="/ru"], main a[href="/ru/"]').first()).toHaveAttribute(
				'target',
				'_top'
			);
		}
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });
		test('the view is complete without JavaScript', async ({ page }) => {
			await page.goto(`/embed/${KYSHTUT}`);
			await expect(page.getByRole('heading', { name: 'Акыркы отчет' })).toBeVisible();
			await expect(page.getByRole('link', { name: 'Толук планды ачуу' })).toBeVisible();
		});
	});

	test('the municipality page gives the code to paste, with the address this site is reached at, and copies it', async ({
		page,
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await login(page, 'akturpak.staff');
		const [t] = await sql`select id from territory where soate_code = ${AKTURPAK}`;
		await page.goto(`/territories/${t!.id}`);
		const origin = new URL(page.url()).origin;
		const code = page.getByLabel('Сайтка кыстаруу коду');
		await expect(code).toHaveAttribute('readonly', '');
		const value = await code.inputValue();
		expect(value).toContain(`<iframe src="${origin}/embed/${AKTURPAK}"`);
		expect(value).toContain('title="Ак-Турпак — Жергиликтүү өнүгүү планы"');
		await page.getByRole('button', { name: 'Кодду көчүрүү' }).click();
		await expect(page.getByText('Код көчүрүлдү')).toBeVisible();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
		// in Russian the frame shows the Russian view
		await page.goto(`/ru/territories/${t!.id}`);
		expect(await page.getByLabel('Код для вставки на сайт').inputValue()).toContain(
			`src="${origin}/ru/embed/${AKTURPAK}"`
		);
	});
});

const isLowVision = (page: Page) =>
	page.evaluate(() => document.documentElement.classList.contains('low-vision'));

test.describe('the low-vision mode', () => {
	test('the switch on a page turns large text and high contrast on, and it stays on after a reload and on other pages', async ({
		page
	}) => {
		await page.goto('/public');
		expect(await isLowVision(page)).toBe(false);
		const fontSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
		expect(await fontSize()).toBe('16px');
		const toggle = page.getByRole('button', { name: 'Начар көргөндөр үчүн' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await toggle.click();
		await expect(page).toHaveURL(/\/public$/);
		expect(await isLowVision(page)).toBe(true);
		expect(await fontSize()).toBe('20px');
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await page.reload();
		expect(await isLowVision(page)).toBe(true);
		await page.goto('/ru/login');
		expect(await isLowVision(page)).toBe(true);
		await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
		await expect(page).toHaveURL(/\/ru\/login$/);
		expect(await isLowVision(page)).toBe(false);
	});

	test('a signed-in user’s choice is kept on the account and follows them to another browser', async ({
		browser
	}) => {
		const first = await browser.newContext();
		const page = await first.newPage();
		await login(page, 'kyshtut.deputy');
		await page.getByRole('button', { name: 'Начар көргөндөр үчүн' }).click();
		expect(await isLowVision(page)).toBe(true);
		const [u] = await sql`select low_vision from app_user where username = 'kyshtut.deputy'`;
		expect(u!.lowVision).toBe(true);
		await first.close();

		const second = await browser.newContext();
		const other = await second.newPage();
		await other.goto('/login');
		expect(await isLowVision(other)).toBe(false);
		await login(other, 'kyshtut.deputy');
		expect(await isLowVision(other)).toBe(true);
		await other.getByRole('button', { name: 'Начар көргөндөр үчүн' }).click();
		expect(await isLowVision(other)).toBe(false);
		await second.close();
	});

	test('a malformed switch is refused in the page’s language and changes nothing', async ({
		page
	}) => {
		await page.goto('/ru/login');
		const r = await page.request.post('/ru/low-vision', {
			form: { on: 'yes', back: '/' },
			headers: { origin: new URL(page.url()).origin }
		});
		expect(r.status()).toBe(400);
		expect(await r.text()).toContain('Не удалось переключить режим');
		await page.reload();
		expect(await isLowVision(page)).toBe(false);
	});

	test('it leads back only to a page of this site', async ({ page }) => {
		await page.goto('/login');
		await page.evaluate(() => {
			const back = document.querySelector<HTMLInputElement>('.low-vision-switch [name=back]')!;
			back.value = '//example.org/';
		});
		await page.getByRole('button', { name: 'Начар көргөндөр үчүн' }).click();
		// home, which sends an anonymous reader on to log in
		await expect(page).toHaveURL(
			new RegExp(`^${test.info().project.use.baseURL}/login(\\?next=%2F)?$`)
		);
	});

	async function lowVision(context: BrowserContext) {
		const url = new URL(test.info().project.use.baseURL!);
		await context.addCookies([{ name: 'low_vision', value: '1', domain: url.hostname, path: '/' }]);
	}
	async function seriousViolations(page: Page) {
		const result = await new AxeBuilder({ page }).analyze();
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}

	test('pages in low-vision mode have no serious or critical accessibility violation and fit a phone', async ({
		page,
		context
	}) => {
		await lowVision(context);
		const [plan] = await sql`
			select p.id from local_plan p join territory t on t.id = p.municipality_id
			where t.soate_code = ${KYSHTUT} and p.state = 'approved' order by p.id desc limit 1`;
		const pages = ['/login', '/ru/public', `/public/plans/${plan!.id}`, `/ru/embed/${KYSHTUT}`];
		for (const url of pages) {
			await page.goto(url);
			expect(await isLowVision(page)).toBe(true);
			expect(await seriousViolations(page), url).toEqual([]);
		}
		await login(page, 'batken.oblast');
		expect(await isLowVision(page)).toBe(true);
		expect(await seriousViolations(page), 'home').toEqual([]);

		await page.setViewportSize({ width: 390, height: 844 });
		const overflow = () =>
			page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		for (const url of ['/', `/public/plans/${plan!.id}`, `/embed/${KYSHTUT}`]) {
			await page.goto(url);
			expect(await overflow(), url).toBeLessThanOrEqual(0);
		}
	});
});
