import { expect, test } from '@playwright/test';
import { e2eSql, login } from './fixtures';

const sql = e2eSql();
test.afterAll(() => sql.end());

test.describe.configure({ mode: 'serial' });

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('an admin creates a sender key: its secret is shown once, then never; revoking refuses it at once', async ({
		page,
		request
	}) => {
		await login(page, 'admin', 'en');
		await page.goto('/en/admin/feed');
		const form = page.locator('form[action^="?/createKey"]');
		await form.getByLabel('Key id').fill('oblast-check');
		await form.getByLabel('Who sends').fill('Batken check');
		await form.getByRole('button', { name: 'Create a key' }).click();
		await expect(page.getByRole('alert')).toContainText('it is not shown again');
		const secret = (await page.getByTestId('new-secret').textContent())!.trim();
		const [stored] = await sql`select secret from feed_sender_key where key_id = 'oblast-check'`;
		expect(stored!.secret).toBe(secret);

		await page.reload();
		await expect(page.getByTestId('new-secret')).toHaveCount(0);
		await expect(page.getByText(secret)).toHaveCount(0);

		// the same id again: refused beside the field, what was typed kept
		await form.getByLabel('Key id').fill('oblast-check');
		await form.getByLabel('Who sends').fill('Second try');
		await form.getByRole('button', { name: 'Create a key' }).click();
		await expect(form.getByText('A sender key with this id already exists.').first()).toBeVisible();
		await expect(form.getByLabel('Who sends')).toHaveValue('Second try');
		expect((await sql`select count(*)::int as n from feed_sender_key`)[0]!.n).toBe(1);

		const row = page.getByRole('row', { name: /oblast-check/ });
		await row.getByRole('button', { name: 'Revoke' }).click();
		await expect(page.getByRole('status')).toContainText('Key revoked');
		const [key] = await sql`select revoked_at from feed_sender_key where key_id = 'oblast-check'`;
		expect(key!.revokedAt).not.toBeNull();
		// signed with the revoked key: refused
		const { signatureHeader, SIGNATURE_HEADER } = await import('../../src/lib/server/feed/sign');
		const body = '{}';
		const answer = await request.post('/api/v1/feed', {
			headers: {
				'content-type': 'application/json',
				[SIGNATURE_HEADER]: signatureHeader('oblast-check', secret, body)
			},
			data: body
		});
		expect(answer.status()).toBe(401);
		await sql`delete from feed_sender_key where key_id = 'oblast-check'`;
	});

	test('a receiver with a bad address is refused beside the field and keeps what was typed; a good one is added and deactivated', async ({
		page
	}) => {
		await login(page, 'admin', 'ru');
		await page.goto('/ru/admin/feed');
		const form = page.locator('form[action^="?/addEndpoint"]');
		await form.getByLabel('Адрес').fill('oblast.example.kg/api/v1/feed');
		await form.getByLabel('Идентификатор ключа').fill('ak turpak');
		await form.getByLabel('Общий секрет').fill('a-shared-secret-of-the-oblast');
		await form.getByRole('button', { name: 'Добавить получателя' }).click();
		// each field's problem beside it, at once
		await expect(form.locator('.field-error')).toHaveText([
			'Укажите адрес получателя, начиная с http:// или https://.',
			'Идентификатор ключа — от 1 до 100 латинских букв, цифр, точек, дефисов или подчёркиваний.'
		]);
		await expect(form.getByLabel('Адрес')).toHaveValue('oblast.example.kg/api/v1/feed');
		await expect(form.getByLabel('Идентификатор ключа')).toHaveValue('ak turpak');
		await form.getByLabel('Идентификатор ключа').fill('ak-turpak');
		expect((await sql`select count(*)::int as n from feed_endpoint`)[0]!.n).toBe(0);

		await form.getByLabel('Адрес').fill('http://127.0.0.1:9/api/v1/feed');
		await form.getByLabel('Общий секрет').fill('a-shared-secret-of-the-oblast');
		await form.getByRole('button', { name: 'Добавить получателя' }).click();
		await expect(page.getByRole('status')).toContainText('Получатель добавлен');
		const row = page.getByRole('row', { name: /127\.0\.0\.1:9/ });
		await expect(row).toContainText('Действует');
		// the secret is never shown back
		await expect(page.getByText('a-shared-secret-of-the-oblast')).toHaveCount(0);
		await row.getByRole('button', { name: 'Отключить' }).click();
		await expect(page.getByRole('status')).toContainText('Получатель отключён');
		await expect(page.getByRole('row', { name: /127\.0\.0\.1:9/ })).toContainText('Отключён');
		const [e] =
			await sql`select active from feed_endpoint where url = 'http://127.0.0.1:9/api/v1/feed'`;
		expect(e!.active).toBe(false);
		await sql`delete from feed_endpoint`;
	});

	test('a delivery that gave up is sent again from its row, once', async ({ page }) => {
		const [e] = await sql`
			insert into feed_endpoint (url, key_id, secret)
			values ('http://127.0.0.1:9/api/v1/feed', 'gave-up', 'a-shared-secret-of-the-oblast') returning id`;
		const [m] = await sql`select municipality_id from local_plan limit 1`;
		const [d] = await sql`
			insert into feed_delivery (municipality_id, endpoint_id, content_hash, kind, document, state, last_error)
			values (${m!.municipalityId}, ${e!.id}, ${'c'.repeat(64)}, 'plan', '{}', 'dead', 'HTTP 503: busy')
			returning id`;
		await login(page, 'admin', 'ky');
		await page.goto('/admin/feed');
		const row = page.getByRole('row', { name: /HTTP 503: busy/ });
		await expect(row).toContainText('Токтоду');
		await row.getByRole('button', { name: 'Кайра жөнөтүү' }).click();
		await expect(page.getByRole('status')).toContainText('Кайра жөнөтүү кезекке коюлду');
		const jobs = await sql`
			select count(*)::int as n from pgboss.job
			where name = 'feed.deliver' and (data->>'deliveryId')::bigint = ${d!.id}`;
		expect(jobs[0]!.n).toBe(1);
		const [after] = await sql`select state from feed_delivery where id = ${d!.id}`;
		expect(after!.state).not.toBe('dead');
		// the row has no button any more: a reload posts nothing
		await page.reload();
		await expect(page.getByRole('button', { name: 'Кайра жөнөтүү' })).toHaveCount(0);
		await sql`delete from feed_endpoint where id = ${e!.id}`;
	});
});
