import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import * as f from './forms';

const original = getLocale;
let locale = 'ru';
beforeEach(() => overwriteGetLocale(() => locale as never));
afterEach(() => overwriteGetLocale(original));

function data(entries: [string, string][]): FormData {
	const d = new FormData();
	for (const [k, v] of entries) d.append(k, v);
	return d;
}

const budget = f.shape({
	title: f.text(300, { required: true, label: 'plan_title' }),
	amount: f.text(30, { label: 'budget_amount' }),
	marker: f.whole(0, 2, { label: 'budget_marker' }),
	id: f.id({ optional: true }),
	envelope_2026: f.text(30),
	present: f.list(f.requiredId(), 3),
	secret: f.password(200)
});

async function refused(entries: [string, string][]) {
	const r = await f.parseForm(data(entries), budget, 'line-new');
	if (r.ok) throw new Error('accepted');
	return r.failure;
}

describe('the form schema helper', () => {
	it('refuses a NUL byte with 400 and a message in the user’s language', async () => {
		const failure = await refused([
			['title', 'План\u0000'],
			['marker', '0']
		]);
		expect(failure.status).toBe(400);
		expect(failure.data.errors.title).toBe(
			'В тексте есть невидимые управляющие символы (например, нулевой байт): удалите их и повторите.'
		);
		expect(failure.data.message).toMatch(/^Название плана: В тексте есть невидимые/);
		locale = 'ky';
		const ky = await refused([
			['title', 'План\u0000'],
			['marker', '0']
		]);
		expect(ky.data.errors.title).toMatch(/^Текстте көрүнбөгөн башкаруучу белгилер бар/);
		locale = 'ru';
	});

	it('refuses text over its limit instead of cutting it, naming the limit and the length', async () => {
		const failure = await refused([
			['title', 'а'.repeat(301)],
			['marker', '0']
		]);
		expect(failure.status).toBe(400);
		expect(failure.data.errors.title).toBe(
			'Слишком длинно: не более 300 символов, сейчас 301. Текст не обрезан: сократите его.'
		);
		expect(failure.data.values.title).toHaveLength(301);
	});

	it('refuses a field sent twice (envelope_2026 twice)', async () => {
		const failure = await refused([
			['title', 'План'],
			['marker', '0'],
			['envelope_2026', '1'],
			['envelope_2026', '2']
		]);
		expect(failure.status).toBe(400);
		expect(failure.data.errors.envelope_2026).toBe(
			'Поле «envelope_2026» отправлено больше одного раза.'
		);
	});

	it('refuses a field the form does not have', async () => {
		const failure = await refused([
			['title', 'План'],
			['marker', '0'],
			['is_admin', 'on']
		]);
		expect(failure.status).toBe(400);
		expect(failure.data.errors.is_admin).toBe(
			'Форма отправила поле, которого в ней нет: «is_admin».'
		);
	});

	it('refuses a missing required field, a number that is not one and one out of range', async () => {
		expect((await refused([['marker', '0']])).data.errors.title).toBe('Заполните это поле.');
		expect(
			(
				await refused([
					['title', 'П'],
					['marker', 'x']
				])
			).data.errors.marker
		).toBe('Укажите целое число, только цифры.');
		expect(
			(
				await refused([
					['title', 'П'],
					['marker', '3']
				])
			).data.errors.marker
		).toBe('Укажите число от 0 до 2.');
	});

	it('refuses more repeated values than allowed and a malformed id', async () => {
		const many = await refused([
			['title', 'П'],
			['marker', '0'],
			...['1', '2', '3', '4'].map((x) => ['present', x] as [string, string])
		]);
		expect(many.data.errors.present).toBe('Слишком много значений: не более 3.');
		expect(
			(
				await refused([
					['title', 'П'],
					['marker', '0'],
					['id', '12abc']
				])
			).data.errors.id
		).toBe('Такой записи нет или форма устарела: обновите страницу.');
	});

	it('sends back every value as typed, except passwords, and reports all fields at once', async () => {
		const failure = await refused([
			['title', ''],
			['amount', '55 000'],
			['marker', '9'],
			['present', '1'],
			['present', '2'],
			['secret', 'hunter2hunter2']
		]);
		expect(failure.data.values).toEqual({
			title: '',
			amount: '55 000',
			marker: '9',
			present: ['1', '2']
		});
		expect(Object.keys(failure.data.errors).sort()).toEqual(['marker', 'title']);
		expect(failure.data.form).toBe('line-new');
		expect(failure.data.message).toBe('Не сохранено: исправьте отмеченные ниже поля (2).');
	});

	it('returns typed values; a 15-digit id stays that number, to be looked up, never made a new row', async () => {
		const r = await f.parseForm(
			data([
				['_form', 'line-new'],
				['title', ' План '],
				['marker', '1'],
				['id', '123456789012345'],
				['present', '7']
			]),
			budget,
			'line'
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value).toEqual({
			title: ' План ',
			amount: '',
			marker: 1,
			id: 123456789012345,
			envelope_2026: '',
			present: [7],
			secret: ''
		});
		expect(r.submitted.form).toBe('line-new');
	});

	it('counts a typed line break as one character, as the page’s counter does', async () => {
		const r = await f.parseForm(
			data([
				['title', 'а\r\n'.repeat(100)],
				['marker', '0']
			]),
			budget,
			'x'
		);
		expect(r.ok).toBe(true);
	});
});

describe('query strings', () => {
	const entries = { q: f.text(200), plan: f.id({ optional: true }) };

	it('refuses a NUL byte in a query parameter with 400 and a message', () => {
		try {
			f.parseQuery(new URL('http://x/catalogue?q=%00'), entries);
			expect.unreachable();
		} catch (e) {
			expect(isHttpError(e) && e.status).toBe(400);
			expect((e as { body: { message: string } }).body.message).toMatch(
				/^Параметр «q» в адресе страницы неверен: В тексте есть невидимые управляющие символы/
			);
		}
	});

	it('names a refused parameter by its label on pages, by its name on the read API', () => {
		const labelled = { plan: f.id({ optional: true, label: 'monitor_col_rayon' }) };
		const page = f.checkQuery(new URL('http://x/?plan=abc'), labelled);
		expect(page.ok || page.message).toMatch(/^Параметр «Район» в адресе страницы неверен: /);
		const api = f.checkQuery(new URL('http://x/?plan=abc'), labelled, { strict: true });
		expect(api.ok || api.message).toMatch(/^plan: /);
	});

	it('ignores unknown parameters on pages and refuses them on the read API', () => {
		expect(f.parseQuery(new URL('http://x/?q=a&utm=1'), entries)).toEqual({ q: 'a', plan: null });
		const strict = f.checkQuery(new URL('http://x/?q=a&utm=1'), entries, { strict: true });
		expect(strict.ok).toBe(false);
	});
});

describe('fields repeated per row (the picker’s amount_<measure id>)', () => {
	const pick = f.shape(
		{ measure: f.list(f.requiredId(), 5) },
		{
			amount: f.text(30, { label: 'budget_amount' }),
			year: f.int(2000, 2100, { label: 'budget_year' })
		}
	);

	it('come back by row id and field, checked by their own schema', async () => {
		const r = await f.parseForm(
			data([
				['measure', '12'],
				['amount_12', '50 000'],
				['year_12', '2026'],
				['amount_40', '']
			]),
			pick,
			'pick'
		);
		if (!r.ok) throw new Error('refused');
		expect(r.value.measure).toEqual([12]);
		expect(r.rows).toEqual({ 12: { amount: '50 000', year: 2026 }, 40: { amount: '' } });
	});

	it('a bad row field is refused beside that row’s field, keeping what was typed; an undeclared one is unknown', async () => {
		const r = await f.parseForm(
			data([
				['measure', '12'],
				['year_12', '20x6'],
				['amount_12', '7']
			]),
			pick,
			'pick'
		);
		if (r.ok) throw new Error('accepted');
		expect(Object.keys(r.failure.data.errors)).toEqual(['year_12']);
		expect(r.failure.data.labels?.year_12).toBe('Год');
		expect(r.failure.data.values).toMatchObject({ year_12: '20x6', amount_12: '7' });
		const unknown = await f.parseForm(data([['colour_12', 'red']]), pick, 'pick');
		expect(unknown.ok).toBe(false);
	});
});
