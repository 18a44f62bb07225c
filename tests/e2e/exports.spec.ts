import { expect, test } from '@playwright/test';
import { DOMParser } from '@xmldom/xmldom';
import { login } from './fixtures';

const ADX_NS = 'urn:ihe:qrph:adx:2015';

test('a statistician downloads an approved plan as ADX and dataValueSets from its public page', async ({
	page
}) => {
	const list = await (await page.request.get('/api/v1/public/local-plans')).json();
	const id = list.localPlans[0].id;
	await page.goto(`/en/public/plans/${id}`);
	await page.getByText('Data for statisticians').click();
	const adxHref = await page
		.getByRole('link', { name: 'ADX (XML, for DHIS2)' })
		.getAttribute('href');
	const adx = await page.request.get(adxHref!);
	expect(adx.status()).toBe(200);
	expect(adx.headers()['content-type']).toBe('application/adx+xml; charset=utf-8');
	expect(adx.headers()['content-disposition']).toBe(`attachment; filename="plan-${id}.adx.xml"`);
	const doc = new DOMParser().parseFromString(await adx.text(), 'text/xml');
	expect(doc.documentElement!.namespaceURI).toBe(ADX_NS);
	expect(doc.getElementsByTagNameNS(ADX_NS, 'group').length).toBeGreaterThan(0);

	const dvsHref = await page
		.getByRole('link', { name: 'DHIS2 dataValueSets (JSON)' })
		.getAttribute('href');
	const dvs = await page.request.get(dvsHref!);
	expect(dvs.headers()['content-type']).toBe('application/json; charset=utf-8');
	const body = await dvs.json();
	expect(body.orgUnitIdScheme).toBe('CODE');
	expect(body.dataValues.length).toBe(doc.getElementsByTagNameNS(ADX_NS, 'dataValue').length);

	const csv = await page.request.get('/api/v1/public/sdg/5-5-1b.csv');
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect((await csv.text()).split('\r\n')[0]).toMatch(
		/^DATAFLOW,FREQ,REPORTING_TYPE,SERIES,REF_AREA/
	);
});

test('the oblast representative downloads their oblast; the country and another oblast are refused; a bad period is explained', async ({
	page
}) => {
	await login(page, 'batken.oblast', 'ru');
	const href = await page.getByRole('link', { name: 'ADX (XML, для DHIS2)' }).getAttribute('href');
	expect(href).toBe(`/api/v1/exports/adx.xml?oblast=KG05&period=${new Date().getFullYear() - 1}`);
	const own = await page.request.get(href!);
	expect(own.status()).toBe(200);
	expect(own.headers()['content-disposition']).toMatch(
		/attachment; filename="aiyl-plan-KG05-\d{4}\.adx\.xml"/
	);
	expect((await page.request.get('/api/v1/exports/adx.xml?oblast=KG06')).status()).toBe(403);
	expect((await page.request.get('/api/v1/exports/dataValueSets.json')).status()).toBe(403);
	const bad = await page.request.get('/ru/api/v1/exports/adx.xml?oblast=KG05&period=2025W1', {
		headers: { accept: 'application/json' }
	});
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('Неверный период');
});
