import { expect, test } from '@playwright/test';
import { e2eSql, login, PASSWORD, prefix } from './fixtures';

const HOME = { ky: 'Башкы бет', ru: 'Главная', en: 'Home' } as const;
const ROLES = {
	'akturpak.staff': {
		ky: 'Айыл өкмөтүнүн адиси',
		ru: 'Специалист айыл окмоту',
		en: 'Aiyl okmotu staff'
	},
	'akturpak.deputy': {
		ky: 'Жергиликтүү кеңештин депутаты',
		ru: 'Депутат местного кенеша',
		en: 'Local kenesh deputy'
	},
	'batken.oblast': {
		ky: 'Облустун өкүлү',
		ru: 'Представитель области',
		en: 'Oblast representative'
	},
	national: {
		ky: 'Министрлик (улуттук мониторинг)',
		ru: 'Министерство (национальный мониторинг)',
		en: 'Ministry (national monitoring)'
	},
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
		test(`${username} signs in in ${lang} and lands on their home page; sign-out ends the session`, async ({
			page
		}) => {
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

test('a wrong password is refused with a message in the page language, keeping the username', async ({
	page
}) => {
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
	await expect(
		page.getByRole('heading', { name: 'Oblasts and cities of republican significance' })
	).toBeVisible();
});

test('a next= that a browser reads as another host (/%09/host/x: the tab is dropped) lands on our own home page', async ({
	page,
	baseURL
}) => {
	// the other host is a closed port of this machine, so a wrong redirect stays local
	await page.goto('/en/login?next=/%09/127.0.0.1:9/x');
	await page.locator('input[name=username]').fill('national');
	await page.locator('input[name=password]').fill(PASSWORD);
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(new RegExp(`^${baseURL}/en/?$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Home');
	// signed in, a next= with a line break goes home instead of failing
	const res = await page.request.get('/en/login?next=/%0a', { maxRedirects: 0 });
	expect(res.status()).toBe(303);
	expect(res.headers().location).toMatch(/^\/en\/?$/);
	// a path of our own is kept
	const own = await page.request.get('/en/login?next=%2Fen%2Fcatalogue%3Fq%3D1', {
		maxRedirects: 0
	});
	expect(own.headers().location).toBe('/en/catalogue?q=1');
});

test('a user whose password an admin reset is sent to the password page and cannot open a plan until they change it', async ({
	page,
	baseURL
}) => {
	const sql = e2eSql();
	try {
		await login(page, 'admin', 'en');
		await page.goto('/en/admin/users');
		const create = page.locator('form#new-user');
		await create.getByLabel('Username').fill('kyshtut.reset');
		await create.getByLabel('Full name').fill('Нургүл Асанова');
		await create.getByLabel('Initial password').fill('first-password-1');
		await create.getByLabel('Role').selectOption('staff');
		await create.getByLabel('Municipality').selectOption({ label: 'Kyshtut (Batken)' });
		await create.getByRole('button', { name: 'Create user' }).click();
		await expect(page.getByRole('status')).toContainText('kyshtut.reset');
		// by now they had chosen a password of their own
		await sql`update app_user set must_change_password = false where username = 'kyshtut.reset'`;
		await page.getByRole('link', { name: 'kyshtut.reset' }).click();
		await page.locator('form#reset-password input[name=password]').fill('admin-gave-this-2');
		await page.getByRole('button', { name: 'Reset password' }).click();
		await expect(page.getByRole('status')).toHaveText('Saved.');

		await page.context().clearCookies();
		await page.goto('/en/login');
		await page.locator('input[name=username]').fill('kyshtut.reset');
		await page.locator('input[name=password]').fill('admin-gave-this-2');
		await page.locator('form button[type=submit]').click();
		await expect(page).toHaveURL(/\/en\/account\/password$/);
		await expect(
			page.getByText('An administrator set your password. Replace it with your own to continue.')
		).toBeVisible();

		const [plan] = await sql<{ id: number }[]>`
			select p.id
			from local_plan p
			join territory t on t.id = p.municipality_id
			where t.soate_code = '41705214835000'
			order by p.id
			limit 1`;
		await page.goto(`/en/plans/${plan!.id}`);
		await expect(page).toHaveURL(/\/en\/account\/password$/);
		const api = await page.request.get('/api/v1/plans');
		expect(api.status()).toBe(403);
		const post = await page.request.post(`/en/plans/${plan!.id}`, {
			form: { anything: '1' },
			headers: { origin: baseURL!, accept: 'application/json' }
		});
		expect(post.status()).toBe(403);
		expect((await post.json()).message).toBe(
			'Change the password the administrator gave you first.'
		);

		await page.getByLabel('Current password').fill('admin-gave-this-2');
		await page.getByLabel('New password', { exact: true }).fill('my-own-password-3');
		await page.getByLabel('Repeat the new password').fill('my-own-password-3');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status')).toContainText('Password changed');
		await page.goto(`/en/plans/${plan!.id}`);
		await expect(page).toHaveURL(new RegExp(`/en/plans/${plan!.id}$`));
	} finally {
		await sql.end();
	}
});
