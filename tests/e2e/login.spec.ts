import { expect, test } from '@playwright/test';
import { login, prefix } from './fixtures';

const HOME = { ky: 'Башкы бет', ru: 'Главная', en: 'Home' } as const;
const ROLES = {
	'akturpak.staff': { ky: 'Айыл өкмөтүнүн адиси', ru: 'Специалист айыл окмоту', en: 'Aiyl okmotu staff' },
	'akturpak.deputy': { ky: 'Жергиликтүү кеңештин депутаты', ru: 'Депутат местного кенеша', en: 'Local kenesh deputy' },
	'batken.oblast': { ky: 'Облустун өкүлү', ru: 'Представитель области', en: 'Oblast representative' },
	national: { ky: 'Министрлик (улуттук мониторинг)', ru: 'Министерство (национальный мониторинг)', en: 'Ministry (national monitoring)' },
	admin: { ky: 'Администратор', ru: 'Администратор', en: 'Administrator' }
} as const;
const LOGOUT = { ky: 'Чыгуу', ru: 'Выйти', en: 'Sign out' } as const;

test('the app opens on the Kyrgyz login page', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/login/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ky');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Системага кирүү');
});

for (const lang of ['ky', 'ru', 'en'] as const) {
	for (const [username, roleName] of Object.entries(ROLES)) {
		test(`${username} signs in in ${lang} and lands on their home page; sign-out ends the session`, async ({ page }) => {
			await login(page, username, lang);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME[lang]);
			await expect(page.getByRole('list', { name: /./ }).first()).toContainText(roleName[lang]);
			await page.getByRole('button', { name: LOGOUT[lang] }).click();
			await expect(page).toHaveURL(new RegExp(`${prefix(lang)}/login$`));
			await page.goto(`${prefix(lang)}/`);
			await expect(page).toHaveURL(/\/login/);
		});
	}
}

test('each role’s home shows what it can do next', async ({ page }) => {
	await login(page, 'akturpak.staff', 'en');
	await expect(page.getByRole('heading', { name: 'Ak-Turpak' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Fill in the municipality/ })).toBeVisible();
	await page.context().clearCookies();
	await login(page, 'batken.oblast', 'en');
	await expect(page.getByRole('link', { name: 'Kyshtut' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Karakol' })).toHaveCount(0);
	await page.context().clearCookies();
	await login(page, 'admin', 'en');
	await expect(page.getByRole('link', { name: /Create users/ })).toBeVisible();
});

test('a wrong password is refused with a message in the page language, keeping the username', async ({ page }) => {
	await page.goto('/ru/login');
	await page.locator('input[name=username]').fill('akturpak.deputy');
	await page.locator('input[name=password]').fill('wrong-password');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByRole('alert')).toHaveText('Неверное имя пользователя или пароль.');
	await expect(page.locator('input[name=username]')).toHaveValue('akturpak.deputy');
});

test('the language switcher keeps the page and changes the language', async ({ page }) => {
	await login(page, 'national', 'ky');
	await page.getByRole('link', { name: 'Русский' }).click();
	await expect(page).toHaveURL(/\/ru\/?$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Главная');
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'Oblasts and cities of republican significance' })).toBeVisible();
});
