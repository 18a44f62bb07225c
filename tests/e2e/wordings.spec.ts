import { expect, test } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

const akTurpak = async () =>
	Number((await sql`select id from territory where soate_code = '41705258804000'`)[0]!.id);
const TITLE_RU = 'Ак-Турпак: план по защите и участию женщин на 2026–2027 годы';
let planId = 0;

test.describe.configure({ mode: 'serial' });

test('a plan created on the Russian page may be titled in Russian only; the Kyrgyz page shows it marked', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'ru');
	await page.goto(`/ru/plans/new?municipality=${await akTurpak()}`);
	await page.getByLabel('Название плана на русском').fill(TITLE_RU);
	await page.getByLabel('Вид плана').selectOption('wps_plan');
	await page.getByLabel('Год начала').fill('2026');
	await page.getByLabel('Год окончания').fill('2027');
	await page
		.getByLabel('Разделы (приоритетные направления) на кыргызском, каждый с новой строки')
		.fill('Коргоо\nКатышуу');
	await page.getByLabel('Те же разделы на русском, в том же порядке').fill('Защита\nУчастие');
	await page.getByRole('button', { name: 'Создать план' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_RU);
	planId = Number(/\/plans\/(\d+)/.exec(page.url())?.[1]);
	await expect(page.getByRole('heading', { level: 2, name: '1. Защита' })).toBeVisible();

	await page.goto(`/plans/${planId}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`орусча гана ${TITLE_RU}`);
	await expect(page.getByRole('heading', { level: 2, name: '1. Коргоо' })).toBeVisible();
});

test('a measure picked on the Russian page shows its Russian wording, and both wordings are editable', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'ru');
	await page.goto(`/ru/plans/${planId}/pick`);
	await page.getByRole('searchbox').fill('кризис');
	await page.getByRole('button', { name: 'Найти' }).click();
	// the search replaces the list: tick a box of the new one
	await expect(page).toHaveURL(/[?&]q=/);
	await page.waitForLoadState('networkidle');
	const box = page.locator('ul.pick input[type=checkbox]:not([disabled])').first();
	await box.check();
	await expect(box).toBeChecked();
	const measureId = Number(await box.getAttribute('value'));
	await page.getByRole('button', { name: 'Добавить выбранные меры: 1' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE_RU);

	const [m] = await sql`select title_ky, title_ru from plan_node where id = ${measureId}`;
	expect(m!.titleKy).not.toBe('');
	expect(m!.titleRu).not.toBe('');
	const link = page
		.locator('table.activities tbody tr')
		.first()
		.locator('td')
		.nth(1)
		.getByRole('link');
	await expect(link).toHaveText(m!.titleRu);
	await link.click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(m!.titleRu);
	const ky = page.getByLabel('Формулировка на кыргызском');
	const ru = page.getByLabel('Формулировка на русском');
	await expect(ky).toHaveValue(m!.titleKy);
	await expect(ru).toHaveValue(m!.titleRu);
	await ru.fill('Открыть кризисную комнату в здании айыл окмоту Ак-Турпака');
	await ky.fill('Ак-Турпак айыл өкмөтүнүн имаратында кризистик бөлмө ачуу');
	await page.locator('form#activity').getByRole('button', { name: 'Сохранить' }).click();
	await expect(
		page.locator('form#activity').getByRole('status').filter({ hasText: 'Сохранено.' })
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Открыть кризисную комнату в здании айыл окмоту Ак-Турпака'
	);

	await page.goto(page.url().replace('/ru/', '/'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ак-Турпак айыл өкмөтүнүн имаратында кризистик бөлмө ачуу'
	);
	await expect(page.getByLabel('Орусча жазылышы')).toHaveValue(
		'Открыть кризисную комнату в здании айыл окмоту Ак-Турпака'
	);
});

test('the Russian page of a Kyrgyz-only activity marks it and says what the Russian document shows', async ({
	page
}) => {
	await login(page, 'akturpak.staff', 'ky');
	await page.goto(`/plans/${planId}`);
	const text = 'Мектепке баруучу көчөлөргө күн батареясы менен иштеген жарык орнотуу';
	const add = page.locator('form[id^="add-local-"]').first();
	await add.getByLabel('Өз иш-чараңызды кошуу (улуттук булаксыз)').fill(text);
	await add.getByRole('button', { name: 'Кошуу' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(text);
	await expect(page.getByLabel('Кыргызча жазылышы')).toHaveValue(text);
	await expect(page.getByLabel('Орусча жазылышы')).toHaveValue('');

	await page.goto(page.url().replace(/\/plans\//, '/ru/plans/'));
	const h1 = page.getByRole('heading', { level: 1 });
	await expect(h1).toHaveText(`только на кыргызском ${text}`);
	await expect(h1.locator('[lang="ky"]')).toHaveText(text);
	await expect(page.getByRole('note')).toHaveText(
		'Русской формулировки пока нет: в документе на русском здесь будет кыргызский текст с пометкой «[кырг.]».'
	);
	await page.goto(`/ru/plans/${planId}`);
	await expect(page.locator('table.activities').getByRole('link', { name: text })).toContainText(
		'только на кыргызском'
	);
});
