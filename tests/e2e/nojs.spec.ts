import { expect, test } from '@playwright/test';
import { PASSWORD } from './fixtures';

test.use({ javaScriptEnabled: false });

test('without JavaScript a user signs in, changes language and signs out with plain forms', async ({
	page
}) => {
	await page.goto('/login');
	await page.locator('input[name=username]').fill('akturpak.staff');
	await page.locator('input[name=password]').fill(PASSWORD);
	await page.locator('form button[type=submit]').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Башкы бет');
	await page.getByRole('link', { name: 'Русский' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Главная');
	await page.getByRole('button', { name: 'Выйти' }).click();
	await expect(page).toHaveURL(/\/ru\/login$/);
});

test('without JavaScript staff save their municipality profile', async ({ page }) => {
	await page.goto('/en/login');
	await page.locator('input[name=username]').fill('akturpak.staff');
	await page.locator('input[name=password]').fill(PASSWORD);
	await page.locator('form button[type=submit]').click();
	await page.getByRole('link', { name: 'My municipality' }).click();
	await page.getByLabel('Chair of the local kenesh').fill('Зуура Ташиева');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.getByLabel('Chair of the local kenesh')).toHaveValue('Зуура Ташиева');
});
