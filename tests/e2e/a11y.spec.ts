import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { login } from './fixtures';

async function seriousViolations(page: Page) {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the login page has no serious or critical accessibility violation', async ({ page }) => {
	await page.goto('/login');
	expect(await seriousViolations(page)).toEqual([]);
	await page.goto('/ru/login');
	expect(await seriousViolations(page)).toEqual([]);
});

for (const username of [
	'akturpak.staff',
	'akturpak.deputy',
	'batken.oblast',
	'national',
	'admin'
]) {
	test(`${username}'s home page has no serious or critical accessibility violation`, async ({
		page
	}) => {
		await login(page, username);
		expect(await seriousViolations(page)).toEqual([]);
	});
}

test('pages fit a phone screen without sideways scrolling of the page', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await page.goto('/login');
	const overflow = () =>
		page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(await overflow()).toBeLessThanOrEqual(0);
	await login(page, 'batken.oblast');
	expect(await overflow()).toBeLessThanOrEqual(0);
});
