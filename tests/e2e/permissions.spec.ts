import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

const idOf = async (soate: string) =>
	(await sql`select id from territory where soate_code = ${soate}`)[0]!.id as number;
const profileOf = async (id: number) =>
	(
		await sql`select head_name, kenesh_chair_name, address, phone, email, updated_at from municipality_profile where municipality_id = ${id}`
	)[0];

async function postProfile(page: import('@playwright/test').Page, id: number, headName: string) {
	return page.request.post(`/territories/${id}?/profile`, {
		form: { headName, keneshChairName: '', address: '', phone: '', email: '' },
		headers: {
			origin: new URL(page.url()).origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
}

test('a deputy posting to a staff-only action gets 403 and nothing changes; the municipality’s staff can', async ({
	page
}) => {
	const akTurpak = await idOf('41705258804000');
	const before = await profileOf(akTurpak);
	await login(page, 'akturpak.deputy');
	const refused = await postProfile(page, akTurpak, 'Deputy was here');
	expect(refused.status()).toBe(403);
	expect(await profileOf(akTurpak)).toEqual(before);

	await page.context().clearCookies();
	await login(page, 'akturpak.staff');
	const allowed = await postProfile(page, akTurpak, 'Абдыкадыр Момунов');
	expect(allowed.status()).toBe(200);
	expect((await profileOf(akTurpak))!.headName).toBe('Абдыкадыр Момунов');
});

test('staff of one municipality cannot post to another’s', async ({ page }) => {
	const kyshtut = await idOf('41705214835000');
	const before = await profileOf(kyshtut);
	await login(page, 'akturpak.staff');
	expect((await postProfile(page, kyshtut, 'Intruder')).status()).toBe(403);
	expect(await profileOf(kyshtut)).toEqual(before);
});

test('a user of one municipality or oblast cannot read another’s pages', async ({ page }) => {
	const [akTurpak, kyshtut, karakol, issykKul] = await Promise.all(
		['41705258804000', '41705214835000', '41702410000010', '41702000000000'].map(idOf)
	);
	await login(page, 'akturpak.staff', 'en');
	expect((await page.goto(`/en/territories/${akTurpak}`))!.status()).toBe(200);
	const other = await page.goto(`/en/territories/${kyshtut}`);
	expect(other!.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'You are not allowed to do this.'
	);
	await expect(page.locator('body')).not.toContainText('Kyshtut');

	await page.context().clearCookies();
	await login(page, 'batken.oblast', 'en');
	expect((await page.goto(`/en/territories/${kyshtut}`))!.status()).toBe(200);
	expect((await page.goto(`/en/territories/${karakol}`))!.status()).toBe(403);
	expect((await page.goto(`/en/territories/${issykKul}`))!.status()).toBe(403);
});

test('admin pages refuse other roles on the server', async ({ page }) => {
	await login(page, 'national', 'en');
	for (const path of ['/en/admin/users', '/en/admin/territories', '/en/admin/system']) {
		expect((await page.goto(path))!.status(), path).toBe(403);
	}
	const before = (await sql`select count(*)::int as n from app_user`)[0]!.n;
	const res = await page.request.post('/admin/users?/create', {
		form: { username: 'sneaky.admin', fullName: 'X', password: 'long-enough-pass', role: 'admin' },
		headers: {
			origin: new URL(page.url()).origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		}
	});
	expect(res.status()).toBe(403);
	expect((await sql`select count(*)::int as n from app_user`)[0]!.n).toBe(before);
});

test('a forged session cookie is anonymous', async ({ page, context, baseURL }) => {
	await context.addCookies([
		{ name: 'aiyl_session', value: randomBytes(20).toString('hex').slice(0, 32), url: baseURL! }
	]);
	await page.goto('/');
	await expect(page).toHaveURL(/\/login/);
});

test('an expired session cookie is anonymous', async ({ page, context, baseURL }) => {
	const token = 'abcdefghijklmnopqrstuvwxyz234567';
	const id = createHash('sha256').update(token).digest('hex');
	const [user] = await sql`select id from app_user where username = 'admin'`;
	await sql`insert into session (id, user_id, expires_at) values (${id}, ${user!.id}, now() - interval '1 hour')`;
	await context.addCookies([{ name: 'aiyl_session', value: token, url: baseURL! }]);
	await page.goto('/en/admin/system');
	await expect(page).toHaveURL(/\/login/);
	expect((await sql`select 1 from session where id = ${id}`).length).toBe(0);
});

test('the session cookie is httpOnly and SameSite=Lax', async ({ page, context }) => {
	await login(page, 'national');
	const cookie = (await context.cookies()).find((c) => c.name === 'aiyl_session');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Lax');
});
