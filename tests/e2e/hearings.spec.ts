import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readPdf } from '../../src/lib/server/documents/read-pdf';
import { e2eSql, login, prefix } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

/** Where the spec's screenshots go when HEARING_SHOTS names a folder (to look at the pages). */
const SHOTS = process.env.HEARING_SHOTS;
async function shoot(page: Page, name: string) {
	if (!SHOTS) return;
	for (const [w, h] of [
		[1366, 768],
		[390, 844]
	] as const) {
		await page.setViewportSize({ width: w, height: h });
		await page.screenshot({ path: `${SHOTS}/${name}-${w}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1366, height: 768 });
}

async function seriousViolations(page: Page) {
	const result = await new AxeBuilder({ page }).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const bishkekDate = (days = 0) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bishkek' }).format(
		new Date(Date.now() + days * 86_400_000)
	);

/**
 * A submitted Kyshtut plan of this spec's own, with one section and one activity, so no other
 * spec's plan gains a hearing. Built as a draft (parts of a submitted plan are not inserted), then submitted.
 */
async function ownPlan(lang: string): Promise<{ plan: number; activity: number }> {
	const [mu] = await sql<{ id: number }[]>`
		select id from territory where name_ru like 'Кыштут%' and kind in ('municipality', 'town') limit 1`;
	const [p] = await sql<{ id: number }[]>`
		insert into local_plan (municipality_id, kind, title, title_ru, period_start, period_end)
		values (${mu!.id}, 'gender_plan', ${`Угуулар үчүн план (${lang})`}, ${`План для слушаний (${lang})`}, 2026, 2028)
		returning id`;
	const [s] = await sql<{ id: number }[]>`
		insert into plan_section (local_plan_id, municipality_id, title, position)
		values (${p!.id}, ${mu!.id}, 'Аялдардын катышуусу', 0) returning id`;
	const [a] = await sql<{ id: number }[]>`
		insert into activity (local_plan_id, municipality_id, section_id, position, title)
		values (${p!.id}, ${mu!.id}, ${s!.id}, 0, 'Жаштар борборун ачуу') returning id`;
	await sql`update local_plan set state = 'submitted', submitted_at = now() where id = ${p!.id}`;
	return { plan: Number(p!.id), activity: Number(a!.id) };
}

async function visitor(browser: Browser) {
	// a visitor with no account and no JavaScript
	const context = await browser.newContext({ javaScriptEnabled: false });
	return { context, page: await context.newPage() };
}

const TEXT = {
	ky: {
		proposal: 'Айылда кыздар үчүн спорт секциясын ачуу керек',
		questions: 'Спорт залы качан курулат?',
		decisions: 'Сунуш пландын 1.1 иш-чарасына киргизилсин',
		sent: 'Рахмат! Сунушуңуз кабыл алынды.',
		tooFast: 'Өтө тез жөнөтүлдү.',
		publish: 'Жарыялоо',
		annex: 'Тиркеме. Коомдук угуулардын жыйынтыгы',
		accepted: 'планга кабыл алынды',
		beside: 'Коомдук угуулар'
	},
	ru: {
		proposal: 'Нужно открыть спортивную секцию для девочек в айыле',
		questions: 'Когда построят спортзал?',
		decisions: 'Включить предложение в мероприятие 1.1 плана',
		sent: 'Спасибо! Ваше предложение принято.',
		tooFast: 'Отправлено слишком быстро.',
		publish: 'Опубликовать',
		annex: 'Приложение. Итоги публичных слушаний',
		accepted: 'принято в план',
		beside: 'Публичные слушания'
	}
} as const;

for (const lang of ['ky', 'ru'] as const) {
	test(`${lang}: staff announce a hearing, a visitor without login or JavaScript sends a proposal, staff moderate it and record the hearing; the record stands beside the plan on the session form and in the PDF annex`, async ({
		page,
		browser
	}) => {
		test.setTimeout(150_000);
		const tx = TEXT[lang];
		const { plan, activity } = await ownPlan(lang);
		const place = lang === 'ky' ? 'Айыл өкмөтүнүн чоң залы' : 'Большой зал айыл окмоту';
		const author = lang === 'ky' ? 'Нургүл Асанова' : 'Наталья Ким';

		// staff announce the hearing
		await login(page, 'kyshtut.staff', lang);
		await page.goto(`${prefix(lang)}/plans/${plan}/hearings`);
		await shoot(page, `staff-list-${lang}`);
		const form = page.locator('form#hearing-new');
		await form.locator('[name=place]').fill(place);
		await form.locator('[name=heldTime]').fill('15:30');
		await form.locator('input[name=documents][value=budget_table]').check();
		await form.locator('[name=proposalsTo]').fill(bishkekDate(7));
		await form.locator('button[type=submit]').click();
		await expect(page).toHaveURL(new RegExp(`/plans/${plan}/hearings/\\d+`));
		const hearing = Number(/hearings\/(\d+)/.exec(page.url())![1]);

		// a visitor sends a proposal; sent at once, it is refused and what was typed stays
		const v = await visitor(browser);
		await v.page.goto(`${prefix(lang)}/public/hearings/${hearing}`);
		await expect(v.page.getByText(place).first()).toBeVisible();
		await shoot(v.page, `public-hearing-${lang}`);
		const pform = v.page.locator('form#proposal-new');
		await pform.locator('[name=authorName]').fill(author);
		await pform.locator('[name=body]').fill(tx.proposal);
		await pform.locator('button[type=submit]').click();
		await expect(v.page.locator('form#proposal-new')).toContainText(tx.tooFast);
		await expect(v.page.locator('form#proposal-new [name=body]')).toHaveValue(tx.proposal);
		await expect(v.page.locator('form#proposal-new [name=authorName]')).toHaveValue(author);
		await shoot(v.page, `public-refused-${lang}`);
		// a person takes a few seconds; then it goes through, and a reload posts nothing again
		await v.page.waitForTimeout(3_500);
		await v.page.locator('form#proposal-new button[type=submit]').click();
		await expect(v.page.getByRole('status')).toContainText(tx.sent);
		await v.page.reload();
		const stored = await sql<{ id: number; moderation: string }[]>`
			select id, moderation from hearing_proposal where hearing_id = ${hearing}`;
		expect(stored.length).toBe(1);
		expect(stored[0]!.moderation).toBe('pending');
		// not moderated: not public
		await expect(v.page.getByText(tx.proposal)).toHaveCount(0);

		// staff publish it, accept it into the activity and record the hearing
		await page.goto(`${prefix(lang)}/plans/${plan}/hearings/${hearing}`);
		const item = page.locator(`li[data-proposal="${stored[0]!.id}"]`);
		await expect(item).toContainText(author);
		await item.getByRole('button', { name: tx.publish }).click();
		await expect(item.locator('.tag').first()).not.toHaveText(/^$/);
		await item.locator('details summary').click();
		await item.locator('select[name=outcome]').selectOption('accepted');
		await item.locator('select[name=became]').selectOption(`activity-${activity}`);
		await item.locator('form[id^=proposal-decide] button[type=submit]').click();
		// the decision has landed when its tag says so (the outcome's select, open in the item, names
		// "accepted" from the start: reading the item's text passed before the answer came)
		await expect(item.locator('span.tag').filter({ hasText: tx.accepted })).toBeVisible();
		const rec = page.locator('form#hearing-record');
		await rec.locator('[name=womenUnder30]').fill('7');
		await rec.locator('[name=women3059]').fill('12');
		await rec.locator('[name=women60Plus]').fill('3');
		await rec.locator('[name=menUnder30]').fill('4');
		await rec.locator('[name=men3059]').fill('9');
		await rec.locator('[name=men60Plus]').fill('2');
		await rec.locator('[name=questions]').fill(tx.questions);
		await rec.locator('[name=decisions]').fill(tx.decisions);
		await rec.locator('button[type=submit]').click();
		await expect(page.locator('[data-figure=participants]').first()).toHaveText('37');
		await shoot(page, `staff-manage-${lang}`);
		expect(await seriousViolations(page)).toEqual([]);
		// the public page read with script on, for the accessibility check (the visitor has none)
		await page.goto(`${prefix(lang)}/public/hearings/${hearing}`);
		expect(await seriousViolations(page)).toEqual([]);

		// the public sees the published text, never the author's name
		await v.page.reload();
		await expect(v.page.getByText(tx.proposal)).toBeVisible();
		await expect(v.page.getByText(author)).toHaveCount(0);
		await expect(v.page.locator('[data-figure=participants]')).toHaveText('37');
		if (SHOTS) {
			await v.page.goto(`${prefix(lang)}/public/hearings/${hearing}`);
			await shoot(v.page, `public-recorded-${lang}`);
			await v.page.getByRole('link', { name: 'Кыштут' }).first().click();
			await shoot(v.page, `public-municipality-${lang}`);
			await v.page.goto(`${prefix(lang)}/public`);
			await shoot(v.page, `public-list-${lang}`);
		}
		await v.context.close();

		// the plan PDF carries the record as an annex
		await page.goto(`${prefix(lang)}/plans/${plan}/document/${lang}`);
		const link = page.locator(`a[href^="/plans/${plan}/document/${lang}/file"]`);
		await expect(link).toBeVisible({ timeout: 60_000 });
		const res = await page.request.get((await link.getAttribute('href'))!);
		expect(res.status()).toBe(200);
		const bytes = new Uint8Array(await res.body());
		if (SHOTS) writeFileSync(`${SHOTS}/plan-${lang}.pdf`, bytes);
		const pdf = await readPdf(bytes);
		expect(pdf.text).toContain(tx.annex);
		expect(pdf.text).toContain(tx.questions);
		expect(pdf.text).toContain(tx.proposal.slice(0, 20));
		expect(pdf.text).not.toContain(author);

		// the kenesh's secretary sees the record beside the plan on the session form
		await page.context().clearCookies();
		await login(page, 'kyshtut.deputy', lang);
		await page.goto(`${prefix(lang)}/plans/${plan}/session`);
		const beside = page.locator('#hearings');
		await expect(beside.getByRole('heading', { level: 2 })).toHaveText(tx.beside);
		await expect(beside).toContainText(tx.questions);
		await expect(beside).toContainText(tx.decisions);
		await expect(beside.locator('[data-figure=participants]')).toHaveText('37');
		await expect(beside).toContainText(tx.proposal);
		await expect(beside).not.toContainText(author);
		await shoot(page, `session-${lang}`);
		expect(await seriousViolations(page)).toEqual([]);
		await page.goto(`${prefix(lang)}/plans/${plan}`);
		await expect(page.locator('#hearings')).toContainText(tx.questions);
	});
}
