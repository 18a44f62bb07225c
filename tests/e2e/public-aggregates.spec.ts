/**
 * The public aggregates (issue [12].5), anonymous: both endpoints answer JSON that the OpenAPI
 * document describes, revalidate by ETag, refuse a missing or unknown plan with a 400 problem, and
 * /public shows the same national figures in Kyrgyz and Russian. Reads the shared demo only.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { Ajv } from 'ajv';
import { formatMoney, formatShare, type Locale } from '../../src/lib/format';
import { prefix } from './fixtures';

type Schema = Record<string, unknown>;

/** The 200 answer's schema of a path in the served OpenAPI document, with its components beside it. */
async function responseSchema(request: APIRequestContext, path: string) {
	const doc = await (await request.get('/api/v1/openapi.json')).json();
	const schema = doc.paths[path].get.responses['200'].content['application/json'].schema;
	return {
		schema: { ...schema, components: doc.components } as Schema,
		components: doc.components
	};
}

/** Every key of an object is a property its schema (or a schema it refers to) declares. */
function undeclared(value: Record<string, unknown>, schema: Schema, components: Schema): string[] {
	const resolve = (s: Schema): Schema[] => {
		if (typeof s.$ref === 'string')
			return resolve(
				(components as { schemas: Record<string, Schema> }).schemas[s.$ref.split('/').pop()!]!
			);
		return [s, ...((s.allOf as Schema[] | undefined) ?? []).flatMap(resolve)];
	};
	const declared = new Set(
		resolve(schema).flatMap((s) => Object.keys((s.properties as Schema | undefined) ?? {}))
	);
	return Object.keys(value).filter((k) => !declared.has(k));
}

const ajv = new Ajv({ strict: false, allErrors: true });

test('anyone gets the oblast figures as JSON the OpenAPI document describes, revalidated by ETag', async ({
	request
}) => {
	const res = await request.get('/api/v1/public/oblasts');
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toMatch(/^application\/json/);
	expect(res.headers()['cache-control']).toBe('public, max-age=300');
	expect(res.headers()['access-control-allow-origin']).toBe('*');
	const body = await res.json();
	const { schema, components } = await responseSchema(request, '/public/oblasts');
	const validate = ajv.compile(schema);
	expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
	const oblast = components.schemas.PublicOblast;
	for (const o of body.oblasts) expect(undeclared(o, oblast, components)).toEqual([]);
	expect(body.oblasts.map((o: { code: string }) => o.code)).toEqual(
		expect.arrayContaining(['KG02', 'KG03', 'KG04', 'KG05', 'KG06', 'KG07', 'KG08', 'KG11', 'KG21'])
	);
	// the demo's approved plan (Kyshtut, Batken) counts; the oblasts add up to the country
	expect(body.country.plans).toBeGreaterThan(0);
	const sum = (f: string) =>
		body.oblasts.reduce((s: number, o: Record<string, number>) => s + o[f]!, 0);
	expect(sum('plans')).toBe(body.country.plans);
	expect(sum('seats')).toBe(body.country.seats);
	expect(body.oblasts.find((o: { code: string }) => o.code === 'KG05').plans).toBeGreaterThan(0);

	const etag = res.headers()['etag'];
	expect(etag).toMatch(/^(W\/)?"[\w-]+"$/);
	const again = await request.get('/api/v1/public/oblasts', {
		headers: { 'if-none-match': etag! }
	});
	expect(again.status()).toBe(304);
});

test('anyone gets the coverage of a national plan, every measure with who adopted it; a missing or unknown plan is a 400 problem', async ({
	request
}) => {
	const res = await request.get('/api/v1/public/coverage?plan=nap-gender-2025-2027-draft');
	expect(res.status()).toBe(200);
	expect(res.headers()['cache-control']).toBe('public, max-age=300');
	expect(res.headers()['etag']).toBeTruthy();
	const body = await res.json();
	const { schema, components } = await responseSchema(request, '/public/coverage');
	const validate = ajv.compile(schema);
	expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
	for (const m of body.measures)
		expect(undeclared(m, components.schemas.CoverageMeasure, components)).toEqual([]);
	expect(body.plan.key).toBe('nap-gender-2025-2027-draft');
	expect(body.measures.length).toBeGreaterThan(50);
	// Kyshtut's approved plan adopts measures of this plan; most measures nobody adopted
	const adopted = body.measures.filter((m: { adopted: number }) => m.adopted > 0);
	expect(adopted.length).toBeGreaterThan(0);
	expect(
		adopted.flatMap((m: { municipalities: { soateCode: string }[] }) =>
			m.municipalities.map((x) => x.soateCode)
		)
	).toContain('41705214835000');
	expect(body.measures.some((m: { adopted: number }) => m.adopted === 0)).toBe(true);

	for (const query of ['', '?plan=', '?plan=no-such-plan', '?plan=a&plan=b', '?plan=x&extra=1']) {
		const bad = await request.get(`/api/v1/public/coverage${query}`);
		expect(bad.status(), query).toBe(400);
		expect(bad.headers()['content-type']).toBe('application/problem+json');
		expect(await bad.json()).toMatchObject({ status: 400, title: expect.any(String) });
	}
});

for (const lang of ['ky', 'ru'] as Locale[]) {
	test(`/public shows the national figures and one row per oblast (${lang})`, async ({
		page,
		request
	}) => {
		const { country, oblasts } = await (await request.get('/api/v1/public/oblasts')).json();
		await page.goto(`${prefix(lang)}/public`);
		const title =
			lang === 'ky' ? 'Өлкө жана облустар боюнча көрсөткүчтөр' : 'Показатели по стране и областям';
		await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
		const money = (s: string) => formatMoney(s, lang, { currency: false });
		const share = (s: string | null) => (s === null ? '—' : formatShare(s, lang) + ' %');
		await expect(page.locator('[data-figure=plans]')).toContainText(String(country.plans));
		await expect(page.locator('[data-figure=budget]')).toHaveText(money(country.budget));
		await expect(page.locator('[data-figure=gender-share]')).toContainText(
			share(country.genderShare)
		);
		await expect(page.locator('[data-figure=seat-share]')).toContainText(share(country.seatShare));
		const table = page.getByRole('table', {
			name:
				lang === 'ky'
					? 'Облустар жана республикалык маанидеги шаарлар боюнча көрсөткүчтөр'
					: 'Показатели по областям и городам республиканского значения'
		});
		await expect(table.locator('tbody tr')).toHaveCount(oblasts.length);
		const batken = oblasts.find((o: { code: string }) => o.code === 'KG05');
		const row = table.locator('tr[data-oblast=KG05]');
		await expect(row.getByRole('rowheader')).toHaveText('Баткен');
		await expect(row.locator('td').nth(1)).toHaveText(money(batken.budget));
		await expect(table.locator('tfoot tr')).toContainText(
			lang === 'ky' ? 'Кыргыз Республикасы' : 'Кыргызская Республика'
		);
		// the list of approved plans is still there
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		for (const viewport of [
			{ width: 1366, height: 768 },
			{ width: 390, height: 844 }
		]) {
			await page.setViewportSize(viewport);
			await page.screenshot({
				path: test.info().outputPath(`public-${lang}-${viewport.width}.png`),
				fullPage: true
			});
		}
	});
}
