/**
 * Rearranging a plan's activities: the plan page is read far more often than it is rearranged, so
 * the rows' move and delete controls come with ?arrange. Staff reorder, move to another section and
 * delete there (with JavaScript and without), stay in that mode after each change, and leave it; a
 * deputy never gets it. Each test works on a draft of its own, removed afterwards.
 */
import { expect, test, type Page } from '@playwright/test';
import { e2eSql, login, prefix } from './fixtures';
import type { Sql } from '../../src/lib/server/db';
import { seedLargePlan } from '../../src/lib/server/demo/national';

const TEXT = {
	ky: {
		arrange: 'Иш-чараларды жылдыруу же өчүрүү',
		done: 'Жылдырууну бүтүрүү',
		down: 'Ылдый жылдыруу: Иш-чара 1:',
		moveTo: 'Башка бөлүмгө жылдыруу',
		move: 'Жылдыруу',
		delete: 'Өчүрүү',
		confirm: 'Ооба, өчүрүү',
		saved: 'Сакталды.',
		deleted: 'Өчүрүлдү.'
	},
	ru: {
		arrange: 'Переставить или удалить мероприятия',
		done: 'Закончить перестановку',
		down: 'Переместить вниз: Иш-чара 1:',
		moveTo: 'Переместить в другой раздел',
		move: 'Переместить',
		delete: 'Удалить',
		confirm: 'Да, удалить',
		saved: 'Сохранено.',
		deleted: 'Удалено.'
	}
} as const;

const plans: number[] = [];

/** A draft of Ak-Turpak with ten activities: two in each of five sections (1 and 6 in the first). */
async function draft(): Promise<number> {
	const sql = e2eSql();
	try {
		const [m] = await sql<
			{ id: number }[]
		>`select id from territory where soate_code = '41705258804000'`;
		const id = await seedLargePlan(sql as unknown as Sql, {
			municipalityId: Number(m!.id),
			activities: 10
		});
		plans.push(id);
		return id;
	} finally {
		await sql.end();
	}
}

test.afterAll(async () => {
	const sql = e2eSql();
	try {
		for (const id of plans) await sql`delete from local_plan where id = ${id}`;
	} finally {
		await sql.end();
	}
});

/** The titles of a section's rows, in order. */
const rowTitles = (page: Page, section: number) =>
	page
		.locator('section.panel')
		.filter({ has: page.getByRole('heading', { name: new RegExp(`^${section}\\. Бөлүм`) }) })
		.locator('table.activities tbody tr td:nth-child(2) a')
		.allTextContents();

for (const lang of ['ky', 'ru'] as const) {
	test(`staff reorder, move and delete activities in arrange mode and leave it (${lang})`, async ({
		page
	}) => {
		const x = TEXT[lang];
		const id = await draft();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await login(page, 'akturpak.staff', lang);
		await page.goto(`${prefix(lang)}/plans/${id}`);
		// reading the plan: no row controls
		await expect(page.getByRole('button', { name: x.confirm })).toHaveCount(0);
		await expect(page.getByRole('button', { name: x.down })).toHaveCount(0);
		await page.getByRole('link', { name: x.arrange }).first().click();
		await expect(page).toHaveURL(/\?arrange/);

		// down: activity 1 now follows activity 6, and the page is still arranging
		expect((await rowTitles(page, 1)).map((t) => t.split(':')[0])).toEqual([
			'Иш-чара 1',
			'Иш-чара 6'
		]);
		await page.getByRole('button', { name: x.down }).click();
		await expect(page.locator(`#move-${await activityId(id, 'Иш-чара 1:')}`)).toContainText(
			x.saved
		);
		await expect(page).toHaveURL(/\?arrange/);
		expect((await rowTitles(page, 1)).map((t) => t.split(':')[0])).toEqual([
			'Иш-чара 6',
			'Иш-чара 1'
		]);

		// to another section: activity 6 joins section 2
		const six = await activityId(id, 'Иш-чара 6:');
		const moveTo = page.locator(`#move-to-${six}`);
		await moveTo.getByRole('combobox', { name: x.moveTo }).selectOption({ index: 1 });
		await moveTo.getByRole('button', { name: x.move }).click();
		await expect(page.locator(`#move-to-${six}`)).toContainText(x.saved);
		expect((await rowTitles(page, 2)).map((t) => t.split(':')[0])).toContain('Иш-чара 6');
		expect((await rowTitles(page, 1)).map((t) => t.split(':')[0])).toEqual(['Иш-чара 1']);

		// delete, after the confirmation
		const one = await activityId(id, 'Иш-чара 1:');
		const confirm = page.locator(`#del-act-${one}`).locator('..');
		await confirm.getByText(x.delete, { exact: true }).click();
		await confirm.getByRole('button', { name: x.confirm }).click();
		await expect(page.locator('#plan-status')).toContainText(x.deleted);
		await expect(page).toHaveURL(/\?arrange/);
		expect(await rowTitles(page, 1)).toEqual([]);

		// leaving the mode hides the controls again
		await page.getByRole('link', { name: x.done }).first().click();
		await expect(page).not.toHaveURL(/\?arrange/);
		await expect(page.getByRole('link', { name: x.arrange }).first()).toBeVisible();
		await expect(page.getByRole('button', { name: x.confirm })).toHaveCount(0);
		expect(errors).toEqual([]);
	});
}

test('without JavaScript a move lands back in arrange mode at the row, with its message', async ({
	browser
}) => {
	const x = TEXT.ru;
	const id = await draft();
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		await login(page, 'akturpak.staff', 'ru');
		await page.goto(`/ru/plans/${id}?arrange`);
		await page.getByRole('button', { name: x.down }).click();
		await expect(page).toHaveURL(/\?arrange#move-\d+$/);
		await expect(page.locator(`#move-${await activityId(id, 'Иш-чара 1:')}`)).toContainText(
			x.saved
		);
		expect((await rowTitles(page, 1)).map((t) => t.split(':')[0])).toEqual([
			'Иш-чара 6',
			'Иш-чара 1'
		]);
	} finally {
		await context.close();
	}
});

test('a deputy gets no arrange mode, not even by asking for it', async ({ page }) => {
	const id = await draft();
	await login(page, 'akturpak.deputy', 'en');
	await page.goto(`/en/plans/${id}?arrange`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Reorder or delete activities' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Yes, delete' })).toHaveCount(0);
});

async function activityId(planId: number, titleStart: string): Promise<number> {
	const sql = e2eSql();
	try {
		const [a] = await sql<{ id: number }[]>`
			select id from activity where local_plan_id = ${planId} and title like ${titleStart + '%'}`;
		return Number(a!.id);
	} finally {
		await sql.end();
	}
}
