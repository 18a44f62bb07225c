import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

test.describe.configure({ mode: 'serial' });

test('an admin creates a user; the user signs in, is asked to change the password and does', async ({
	page
}) => {
	await login(page, 'admin', 'en');
	await page.getByRole('link', { name: 'Users' }).first().click();
	const form = page.locator('form[action^="?/create#"]');
	await form.getByLabel('Username').fill('kyshtut.aigerim');
	await form.getByLabel('Full name').fill('Айгерим Сыдыкова');
	await form.getByLabel('Initial password').fill('first-password-1');
	await form.getByLabel('Role').selectOption('staff');
	await form.getByLabel('Municipality').selectOption({ label: 'Kyshtut (Batken)' });
	await form.getByRole('button', { name: 'Create user' }).click();
	await expect(page.getByRole('status')).toContainText('kyshtut.aigerim');
	await expect(page.getByRole('link', { name: 'kyshtut.aigerim' })).toBeVisible();

	await page.context().clearCookies();
	await page.goto('/en/login');
	await page.locator('input[name=username]').fill('kyshtut.aigerim');
	await page.locator('input[name=password]').fill('first-password-1');
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(/\/en\/account\/password$/);
	await expect(
		page.getByText('An administrator set your password. Replace it with your own to continue.')
	).toBeVisible();
	await page.getByLabel('Current password').fill('first-password-1');
	await page.getByLabel('New password', { exact: true }).fill('my-own-password-2');
	await page.getByLabel('Repeat the new password').fill('my-own-password-2');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText('Password changed');
	await page.goto('/en');
	await expect(page.getByRole('heading', { name: 'Kyshtut' })).toBeVisible();
	const [u] =
		await sql`select must_change_password from app_user where username = 'kyshtut.aigerim'`;
	expect(u!.mustChangePassword).toBe(false);
});

test('a bad new user keeps what was typed and says why, in Kyrgyz', async ({ page }) => {
	await login(page, 'admin', 'ky');
	await page.goto('/admin/users');
	const form = page.locator('form[action^="?/create#"]');
	await form.locator('input[name=username]').fill('жаңы колдонуучу');
	await form.locator('input[name=fullName]').fill('Жаңы Колдонуучу');
	await form.locator('input[name=password]').fill('first-password-1');
	await form.locator('select[name=role]').selectOption('national');
	await form.locator('button[type=submit]').click();
	await expect(page.getByRole('alert')).toContainText('латын кичине тамгалары');
	await expect(form.locator('input[name=fullName]')).toHaveValue('Жаңы Колдонуучу');
});

test('repeated wrong passwords for one account are refused for a while, with the message', async ({
	page
}) => {
	for (let i = 0; i < 5; i++) {
		await page.goto('/en/login');
		await page.locator('input[name=username]').fill('kyshtut.aigerim');
		await page.locator('input[name=password]').fill(`wrong-guess-${i}`);
		await page.locator('form button[type=submit]').click();
		await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
	}
	await page.locator('input[name=password]').fill('my-own-password-2');
	await page.locator('form button[type=submit]').click();
	await expect(page.getByRole('alert')).toHaveText(
		/Too many failed attempts for this account\. Try again in \d+ minutes, or ask an administrator to unlock it\./
	);
	await expect(page).toHaveURL(/\/login/);
});

test('an admin unlocks the locked account from its page, and its owner signs in again', async ({
	page
}) => {
	await login(page, 'admin', 'en');
	await page.goto('/en/admin/users');
	await page.getByRole('link', { name: 'kyshtut.aigerim' }).click();
	await expect(page.getByRole('heading', { name: 'Locked after failed sign-ins' })).toBeVisible();
	await page.getByRole('button', { name: 'Unlock sign-in now' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.getByRole('heading', { name: 'Locked after failed sign-ins' })).toHaveCount(0);
	await expect(
		page.getByRole('list').filter({ hasText: 'Sign-in unlocked after failed attempts (admin)' })
	).toBeVisible();
	await page.context().clearCookies();
	await login(page, 'kyshtut.aigerim', 'en', 'my-own-password-2');
});

test('territory CSV import: the dry run lists bad rows with their lines, writes nothing; the fixed file imports', async ({
	page
}) => {
	await login(page, 'admin', 'en');
	await page.goto('/en/admin/territories');
	const header = 'soate_code,kind,parent_soate_code,name_ky,name_ru,name_en';
	const bad = `${header}\n41705258890000,municipality,41705258000000,Жаңы-Жер,Жаны-Жер,Zhany-Zher\n123,village,41799999000000,,,`;
	await page.getByLabel('or paste the CSV text here').fill(bad);
	await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
	const report = page.locator('form#territory-import');
	await expect(report).toContainText('problems found in 2 rows');
	await expect(report.locator('tbody tr').first()).toContainText('3');
	await expect(report).toContainText('SOATE code “123” is not valid');
	await expect(report).toContainText('Kind “village” is not valid');
	expect((await sql`select 1 from territory where soate_code = '41705258890000'`).length).toBe(0);

	await page
		.getByLabel('or paste the CSV text here')
		.fill(`${header}\n41705258890000,municipality,41705258000000,Жаңы-Жер,Жаны-Жер,Zhany-Zher`);
	await page.getByRole('button', { name: 'Check (nothing is written)' }).click();
	await expect(report).toContainText('All 1 rows are valid');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(report).toContainText('Imported 1 rows.');
	expect(
		(await sql`select name_ru from territory where soate_code = '41705258890000'`)[0]!.nameRu
	).toBe('Жаны-Жер');
});

test('a territory CSV over the limits says so on the page, in the user’s language', async ({
	page
}) => {
	test.setTimeout(90_000); // uploads of 3 and 12 MB on a busy machine
	await login(page, 'admin', 'ru');
	await page.goto('/ru/admin/territories');
	const file = page.locator('input[name=file]');
	for (const mb of [3, 12]) {
		// 3 MB: over the import's 2 MB; 12 MB: over the server's body limit as well
		await file.setInputFiles({
			name: 'big.csv',
			mimeType: 'text/csv',
			buffer: Buffer.alloc(mb * 1024 * 1024, 'a,b\n')
		});
		await page.getByRole('button', { name: 'Проверить (ничего не записывается)' }).click();
		await expect(page.getByRole('alert')).toHaveText('Файл слишком большой (не более 2 МБ).');
	}
});

test('the system page shows the database, migration level and queues', async ({ page }) => {
	await login(page, 'admin', 'en');
	await page.goto('/en/admin/system');
	await expect(page.getByText(/PostgreSQL \d+/)).toBeVisible();
	const last = readdirSync('migrations')
		.sort()
		.at(-1)!
		.replace(/\.sql$/, '');
	await expect(page.getByText(last)).toBeVisible();
	await expect(page.getByRole('cell', { name: 'system.cleanup' })).toBeVisible();
	await expect(page.getByText('No failed jobs.')).toBeVisible();
});
