/**
 * Gender expertise of draft local acts ([13].3), in Kyrgyz (with JavaScript) and Russian (without):
 * staff register a draft act (a refused post keeps what was typed), link it to an activity of
 * their plan, fill the checklist, see the act on the activity's page and download its PDF, whose
 * text is checked. Then the ministry publishes a revised question set and the filled checklists
 * stay on theirs. Creates its own acts; only this spec revises the questions (it does so last).
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readPdf } from '../../src/lib/server/documents/read-pdf';
import { e2eSql, login, prefix } from './fixtures';

const TEXT = {
	ky: {
		nav: 'Жергиликтүү актылардын долбоорлорунун гендердик экспертизасы',
		kind: 'Актынын түрү',
		titleKy: 'Кыргызча аталышы',
		titleRu: 'Орусча аталышы',
		number: 'Номери (милдеттүү эмес)',
		register: 'Каттоо',
		titleRequired: 'Актынын аталышын кыргызча же орусча жазыңыз.',
		registered: 'Долбоор катталды.',
		activity: 'Пландын иш-чарасы',
		link: 'Байланыштыруу',
		linked: 'Иш-чара байланыштырылды.',
		yes: 'Ооба',
		partly: 'Жарым-жартылай',
		na: 'Тиешеси жок',
		comment: (n: number) => `${n}-суроого түшүндүрмө`,
		withChanges: 'Өзгөртүүлөр менен сунушталат',
		conclusion: 'Корутундунун тексти',
		save: 'Текшерүүнү сактоо',
		saved: 'Сакталды.',
		actsOfActivity: 'Бул иш-чарага байланышкан актылардын долбоорлору',
		pdf: 'Кыргызча PDF',
		pdfTitle: 'Жергиликтүү актынын долбоорунун гендердик экспертизасы',
		print: 'Басып чыгаруу үчүн бет'
	},
	ru: {
		nav: 'Гендерная экспертиза проектов местных актов',
		kind: 'Вид акта',
		titleKy: 'Название на кыргызском',
		titleRu: 'Название на русском',
		number: 'Номер (необязательно)',
		register: 'Зарегистрировать',
		titleRequired: 'Укажите название акта на кыргызском или русском.',
		registered: 'Проект зарегистрирован.',
		activity: 'Мероприятие плана',
		link: 'Связать',
		linked: 'Мероприятие связано.',
		yes: 'Да',
		partly: 'Частично',
		na: 'Не применимо',
		comment: (n: number) => `Комментарий к вопросу ${n}`,
		withChanges: 'Рекомендуется с изменениями',
		conclusion: 'Текст заключения',
		save: 'Сохранить перечень',
		saved: 'Сохранено.',
		actsOfActivity: 'Проекты актов, связанные с этим мероприятием',
		pdf: 'PDF на русском',
		pdfTitle: 'Гендерная экспертиза проекта местного акта',
		print: 'Версия для печати'
	}
} as const;

/** Serious and critical accessibility violations, and how far the page scrolls sideways on a phone. */
async function accessibility(page: Page) {
	const result = await new AxeBuilder({ page }).analyze();
	const violations = result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	await page.setViewportSize({ width: 390, height: 844 });
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth
	);
	await page.setViewportSize({ width: 1366, height: 768 });
	return { violations, overflow };
}

const shots = process.env.SCREENSHOTS;
async function shoot(page: Page, name: string) {
	if (!shots) return;
	for (const [w, h] of [
		[1366, 768],
		[390, 844]
	]) {
		await page.setViewportSize({ width: w!, height: h! });
		await page.screenshot({ path: `${shots}/${name}-${w}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1366, height: 768 });
}

async function akTurpakId(): Promise<number> {
	const sql = e2eSql();
	try {
		const [t] = await sql<{ id: number }[]>`
			select id::int from territory where soate_code = '41705258804000'`;
		return t!.id;
	} finally {
		await sql.end();
	}
}

const filledActs: string[] = [];

for (const lang of ['ky', 'ru'] as const) {
	test(`staff register a draft act, link it to an activity, fill the checklist and download its PDF (${lang}, ${lang === 'ru' ? 'without' : 'with'} JavaScript)`, async ({
		browser
	}) => {
		// three accessibility scans of long forms on a shared two-core machine
		test.setTimeout(120_000);
		const x = TEXT[lang];
		const context = await browser.newContext({ javaScriptEnabled: lang !== 'ru' });
		const page = await context.newPage();
		await login(page, 'akturpak.staff', lang);
		const id = await akTurpakId();
		await page.goto(`${prefix(lang)}/territories/${id}`);
		await page.getByRole('link', { name: x.nav }).click();
		await expect(page).toHaveURL(new RegExp(`/territories/${id}/expertise$`));
		if (lang === 'ky') expect(await accessibility(page)).toEqual({ violations: [], overflow: 0 });

		// no title: refused, and the kind and number stay
		const form = page.locator('form#act-new');
		await form.getByLabel(x.kind, { exact: true }).selectOption('budget_decision');
		await form.getByLabel(x.number, { exact: true }).fill(`7-${lang}`);
		await form.getByRole('button', { name: x.register, exact: true }).click();
		await expect(form.locator('.error-summary')).toContainText(x.titleRequired);
		await expect(form.getByLabel(x.kind, { exact: true })).toHaveValue('budget_decision');
		await expect(form.getByLabel(x.number, { exact: true })).toHaveValue(`7-${lang}`);
		const titleKy = `Бала бакчага төлөмдү өзгөртүү жөнүндө токтомдун долбоору (${lang})`;
		await form.getByLabel(x.titleKy, { exact: true }).fill(titleKy);
		await form
			.getByLabel(x.titleRu, { exact: true })
			.fill(`Проект постановления об оплате детского сада (${lang})`);
		await shoot(page, `expertise-list-${lang}`);
		await form.getByRole('button', { name: x.register, exact: true }).click();
		await expect(page).toHaveURL(/\/expertise\/\d+#checklist$/);
		await expect(page.locator('form#checklist')).toContainText(x.registered);
		// without the language prefix: the tests below add their own
		const actPath = new URL(page.url()).pathname.replace(/^\/(ru|en)(?=\/)/, '');
		filledActs.push(actPath);

		// link it to an activity of the municipality's plan
		const link = page.locator('form#link');
		const select = link.getByLabel(x.activity, { exact: true });
		const option = select.locator('option:not([disabled])').first();
		const activityValue = (await option.getAttribute('value'))!;
		await select.selectOption(activityValue);
		await link.getByRole('button', { name: x.link, exact: true }).click();
		await expect(page.locator('#links')).toContainText(x.linked);
		const linked = page.locator(`li[data-activity="${activityValue}"] a`);
		await expect(linked).toBeVisible();

		// fill the checklist
		const checklist = page.locator('form#checklist');
		const questions = checklist.locator('li[data-question]');
		const count = await questions.count();
		expect(count).toBeGreaterThanOrEqual(6);
		for (let i = 0; i < count; i++) {
			const q = questions.nth(i);
			await q
				.getByLabel(i === 0 ? x.yes : i === count - 1 ? x.na : x.partly, { exact: true })
				.check();
			await q
				.getByLabel(x.comment(i + 1), { exact: true })
				.fill(`Түшүндүрмө ${i + 1}: үй-бүлөлөр, өңүт`);
		}
		await checklist.getByLabel(x.withChanges, { exact: true }).check();
		await checklist
			.getByLabel(x.conclusion, { exact: true })
			.fill('Долбоор кам көрүү жүгүн азайтат; аялдар кеңеши менен талкууланды.');
		await checklist.getByRole('button', { name: x.save, exact: true }).click();
		await expect(checklist.locator('p.ok')).toContainText(x.saved);
		// a reload only reads: the page was reached by a redirect after the post
		await page.reload();
		await expect(questions.first().getByLabel(x.yes, { exact: true })).toBeChecked();
		await expect(checklist.getByLabel(x.withChanges, { exact: true })).toBeChecked();
		await expect(questions.nth(1).getByLabel(x.comment(2), { exact: true })).toHaveValue(
			'Түшүндүрмө 2: үй-бүлөлөр, өңүт'
		);
		const sql = e2eSql();
		try {
			const actId = Number(actPath.split('/').pop());
			const [row] = await sql<{ rowVersion: number }[]>`
				select row_version from expertise_act where id = ${actId}`;
			expect(row!.rowVersion).toBe(2);
		} finally {
			await sql.end();
		}
		if (lang === 'ky') expect(await accessibility(page)).toEqual({ violations: [], overflow: 0 });
		await shoot(page, `expertise-act-${lang}`);

		// the activity's page shows the act
		await linked.click();
		const section = page.locator('section[aria-labelledby=acts-h]');
		await expect(section.getByRole('heading', { name: x.actsOfActivity })).toBeVisible();
		await expect(
			section.getByRole('link', { name: lang === 'ky' ? titleKy : /детского сада/ }).first()
		).toBeVisible();
		await page.goBack();

		// the PDF in the page's language
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: x.pdf, exact: true }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(
			new RegExp(`^gender-expertise-\\d+-${lang}\\.pdf$`)
		);
		const { readFile } = await import('node:fs/promises');
		const bytes = new Uint8Array(await readFile((await download.path())!));
		const pdf = await readPdf(bytes);
		expect(pdf.letters).toContain(x.pdfTitle.replace(/\s/g, ''));
		expect(pdf.letters).toContain(x.withChanges.replace(/\s/g, ''));
		expect(pdf.letters).toContain('Түшүндүрмө1:үй-бүлөлөр,өңүт');
		for (const ch of ['ң', 'ө', 'ү']) expect(pdf.letters).toContain(ch);

		// the print page
		await page.getByRole('link', { name: x.print, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(x.pdfTitle);
		if (lang === 'ky') expect(await accessibility(page)).toEqual({ violations: [], overflow: 0 });
		await shoot(page, `expertise-print-${lang}`);
		await context.close();
	});
}

test('a deputy reads the checklist without a form; staff of another municipality are refused', async ({
	page
}) => {
	test.skip(filledActs.length === 0, 'needs an act from the tests above');
	await login(page, 'akturpak.deputy', 'ru');
	await page.goto(`/ru${filledActs[0]}`);
	await expect(page.getByText('Вы можете читать этот перечень')).toBeVisible();
	await expect(page.locator('form#checklist')).toHaveCount(0);
	await expect(page.getByText('Рекомендуется с изменениями').first()).toBeVisible();
	await page.context().clearCookies();
	await login(page, 'kyshtut.staff', 'ru');
	expect((await page.goto(`/ru${filledActs[0]}`))!.status()).toBe(403);
	expect((await page.goto(`/ru${filledActs[0]}/pdf/ru`))!.status()).toBe(403);
});

test('the ministry publishes a revised question set; filled checklists keep their version', async ({
	page
}) => {
	test.skip(filledActs.length === 0, 'needs an act from the tests above');
	await login(page, 'national', 'ky');
	await page.getByRole('link', { name: 'Гендердик экспертизанын суроолору' }).click();
	await expect(page).toHaveURL(/\/expertise\/questions$/);
	await shoot(page, 'expertise-questions-ky');
	const form = page.locator('form#questions');
	const blank = form.locator('fieldset[data-row]').nth(-2);
	await blank
		.getByLabel('Кыргызча тексти', { exact: true })
		.fill('Акт майыптыгы бар аялдарга кандай таасир этет?');
	await blank
		.getByLabel('Орусча тексти', { exact: true })
		.fill('Как акт влияет на женщин с инвалидностью?');
	// the English text left out: refused, the typed texts stay
	await form.getByRole('button', { name: /версияны жарыялоо/ }).click();
	await expect(form.locator('.error-summary')).toBeVisible();
	await expect(blank.getByLabel('Орусча тексти', { exact: true })).toHaveValue(
		'Как акт влияет на женщин с инвалидностью?'
	);
	await blank
		.getByLabel('Англисче тексти', { exact: true })
		.fill('How does the act affect women with disabilities?');
	await form.getByRole('button', { name: /версияны жарыялоо/ }).click();
	await expect(form.locator('p.ok')).toContainText('версия жарыяланды');
	await page.goto(`/ru/expertise/questions`);
	await shoot(page, 'expertise-questions-ru');

	await page.context().clearCookies();
	await login(page, 'akturpak.staff', 'ru');
	await page.goto(`/ru${filledActs[0]}`);
	await expect(page.locator('form#checklist li[data-question]')).toHaveCount(6);
	await expect(page.getByText('Этот перечень заполнен по версии 1')).toBeVisible();
});
