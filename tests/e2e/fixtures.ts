import { expect, type Page } from '@playwright/test';
import postgres from 'postgres';

export const PASSWORD = 'aiyl-demo-2026';

/** The database the e2e server runs on, for checking that a refused request changed nothing. */
export function e2eSql() {
	const server = process.env.DATABASE_URL;
	if (!server) throw new Error('DATABASE_URL is not set: run `npm run test:e2e`');
	const url = new URL(server);
	url.pathname = '/aiyl_e2e';
	return postgres(url.toString(), { max: 2, onnotice: () => {}, transform: postgres.camel });
}

export const prefix = (lang: string) => (lang === 'ky' ? '' : `/${lang}`);

/** Signs in through the login form of the given language and waits for the home page; `origin` for a server other than the spec's. */
export async function login(
	page: Page,
	username: string,
	lang = 'ky',
	password = PASSWORD,
	origin = ''
) {
	await page.goto(`${origin}${prefix(lang)}/login`);
	await page.locator('input[name=username]').fill(username);
	await page.locator('input[name=password]').fill(password);
	await page.locator('form button[type=submit]').click();
	await expect(page).toHaveURL(new RegExp(`^http://[^/]+${prefix(lang)}/?$`));
}
