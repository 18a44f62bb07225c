import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { demoPhoto } from '../../src/lib/server/reports/demo-files';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());
test.describe.configure({ mode: 'serial' });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function kyshtut() {
	const [plan] = await sql`
		select p.id from local_plan p join territory t on t.id = p.municipality_id
		where t.soate_code = '41705214835000' and p.state = 'approved' order by p.id limit 1`;
	const [a] = await sql`
		select a.id from activity a join plan_section s on s.id = a.section_id
		where a.local_plan_id = ${plan!.id} order by s.position, a.position, a.id limit 1`;
	const [submitted] =
		await sql`select id from report where local_plan_id = ${plan!.id} and period = '2025'`;
	return { planId: Number(plan!.id), activityId: Number(a!.id), reportId: Number(submitted!.id) };
}

test('staff attach a photo to an activity of a draft report, see it listed, download it as it was, and remove it; an HTML page named .pdf is refused beside the field', async ({
	page
}) => {
	const k = await kyshtut();
	await login(page, 'kyshtut.staff', 'ru');
	await page.goto(`/ru/plans/${k.planId}/reports/2026S1`);
	const form = page.locator(`form#evidence-${k.activityId}`);

	await form.locator('input[type=file]').setInputFiles({
		name: 'act.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('<!doctype html><script>alert(1)</script>')
	});
	await form.getByRole('button', { name: 'Загрузить' }).click();
	await expect(form.locator('.field-error')).toContainText('тип проверяется по содержимому');

	const photo = demoPhoto();
	await form.locator('input[type=file]').setInputFiles({
		name: 'собрание.png',
		mimeType: 'image/png',
		buffer: Buffer.from(photo)
	});
	await form.getByRole('button', { name: 'Загрузить' }).click();
	const list = page.getByTestId(`evidence-${k.activityId}`);
	await expect(list).toContainText('собрание.png');
	await expect(list).toContainText('PNG');
	await expect(list).toContainText('Не публичный');

	const downloading = page.waitForEvent('download');
	await list.getByRole('link', { name: 'собрание.png' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('собрание.png');
	expect(sha(await readFile((await download.path())!))).toBe(sha(photo));

	// the file is an attachment, never rendered
	const href = await list.getByRole('link', { name: 'собрание.png' }).getAttribute('href');
	const res = await page.request.get(href!);
	expect(res.headers()['content-disposition']).toMatch(/^attachment/);
	expect(res.headers()['x-content-type-options']).toBe('nosniff');
	expect(res.headers()['content-security-policy']).toContain('sandbox');
	expect(res.headers()['content-type']).toBe('image/png');

	await list.getByRole('button', { name: 'Удалить' }).click();
	await expect(page.getByTestId(`evidence-${k.activityId}`)).toHaveCount(0);
	const { n } = (
		await sql`
		select count(*)::int as n from report_evidence e join report r on r.id = e.report_id
		where r.local_plan_id = ${k.planId} and r.period = '2026S1'`
	)[0]!;
	expect(n).toBe(0);
});

test('the public report lists only the files marked public; the act is not found, the photo downloads', async ({
	request
}) => {
	const k = await kyshtut();
	const res = await request.get(`/api/v1/public/local-plans/${k.planId}/reports/${k.reportId}`);
	expect(res.status()).toBe(200);
	const body = await res.json();
	expect(body.evidence).toHaveLength(1);
	const [photo] = body.evidence;
	expect(photo).toMatchObject({ contentType: 'image/png', sha256: sha(demoPhoto()) });
	const file = await request.get(photo.url);
	expect(file.status()).toBe(200);
	expect(file.headers()['content-disposition']).toMatch(/^attachment/);
	expect(sha(await file.body())).toBe(photo.sha256);

	const [act] = await sql`
		select id from report_evidence where report_id = ${k.reportId} and not is_public`;
	const hidden = await request.get(
		`/api/v1/public/local-plans/${k.planId}/reports/${k.reportId}/evidence/${act!.id}`
	);
	expect(hidden.status()).toBe(404);
});
