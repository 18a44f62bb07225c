import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv';
import { MONEY_FORMAT, planToCsv, planToXlsx } from './export';
import { formatActivityPeriod, sourceLabel } from './action-table';
import ky from '../../i18n/messages/ky.json';
import ru from '../../i18n/messages/ru.json';
import en from '../../i18n/messages/en.json';
import type { PlanView } from './types';

// ── a small hand-made plan ───────────────────────────────────────────────────

import { a1, a2, a3, a4, activity, indicator, line, sampleView as view } from './sample-plan';

// ── the hand-computed totals ─────────────────────────────────────────────────

// 2025: 150000.00 + 80000.00 + 500000.00 + 50000.00
const TOTAL_2025 = 780000.0;
// 2026: 300000.50 + 120000.25 + 200000.00 + 99999.99
const TOTAL_2026 = 720000.74;
const TOTAL = 1500000.74;
// gender: 75000.00 + 300000.50 + 0 + 48000.10 + 500000.00 + 50000.00 + 50000.00 + 0
const GENDER_TOTAL = 1023000.6;

// ── helpers ──────────────────────────────────────────────────────────────────

async function load(buf: Buffer) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(new Uint8Array(buf).buffer);
	return wb;
}

function values(ws: ExcelJS.Worksheet, r: number): ExcelJS.CellValue[] {
	const row = ws.getRow(r);
	const out: ExcelJS.CellValue[] = [];
	for (let c = 1; c <= ws.columnCount; c++) out.push(row.getCell(c).value);
	return out;
}

function findRow(ws: ExcelJS.Worksheet, label: string): number {
	for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return r;
	throw new Error(`no row "${label}"`);
}

const LATIN = /[A-Za-z]/;

function allStrings(o: unknown): string[] {
	if (typeof o === 'string') return [o];
	if (o && typeof o === 'object') return Object.values(o).flatMap(allStrings);
	return [];
}

// ── tests ────────────────────────────────────────────────────────────────────

describe('money', () => {
	it('an amount that is not an exact decimal with two places is refused, not rounded', async () => {
		const withAmount = (amount: string): PlanView => ({
			...view,
			sections: [
				{
					id: 9,
					title: 'x',
					titleRu: '',
					position: 0,
					rowVersion: 1,
					activities: [
						activity(900, 9, 0, 'x', {
							budget: [line(900, 2025, amount, 'local_budget', 0, '0', '0.00')]
						})
					]
				}
			]
		});
		expect(parseCsv(planToCsv(withAmount('1250000.5'), 'en')).rows.at(-1)!.cells[10]).toBe(
			'1250000.50'
		);
		expect(parseCsv(planToCsv(withAmount('7'), 'en')).rows.at(-1)!.cells[10]).toBe('7.00');
		for (const bad of ['1.005', '1e6', '', '12,50']) {
			expect(() => planToCsv(withAmount(bad), 'en'), bad).toThrow(/not an amount/);
			await expect(planToXlsx(withAmount(bad), 'en'), bad).rejects.toThrow(/not an amount/);
		}
	});
});

describe('deadlines', () => {
	const a = { startYear: 2025, startQuarter: 2, endYear: 2027, endQuarter: 4 };
	it('are written in each language', () => {
		expect(formatActivityPeriod(a, 'ky')).toBe('2025-ж. II чейрек – 2027-ж. IV чейрек');
		expect(formatActivityPeriod(a, 'ru')).toBe('II кв. 2025 – IV кв. 2027');
		expect(formatActivityPeriod(a, 'en')).toBe('2025 Q2 – 2027 Q4');
	});
	it('without quarters, with one end, or with none', () => {
		expect(
			formatActivityPeriod(
				{ startYear: 2025, startQuarter: null, endYear: 2025, endQuarter: null },
				'ky'
			)
		).toBe('2025-ж.');
		expect(
			formatActivityPeriod(
				{ startYear: 2025, startQuarter: null, endYear: 2026, endQuarter: null },
				'ru'
			)
		).toBe('2025 г. – 2026 г.');
		expect(
			formatActivityPeriod(
				{ startYear: null, startQuarter: null, endYear: 2026, endQuarter: 3 },
				'ru'
			)
		).toBe('III кв. 2026');
		expect(
			formatActivityPeriod(
				{ startYear: null, startQuarter: null, endYear: null, endQuarter: null },
				'en'
			)
		).toBe('');
	});
});

describe('labels', () => {
	// the documents' words are the messages whose keys start with doc_
	const doc = (messages: Record<string, string>) =>
		Object.fromEntries(Object.entries(messages).filter(([k]) => k.startsWith('doc_')));
	it('Kyrgyz and Russian labels have no Latin letters', () => {
		for (const [locale, messages] of [
			['ky', ky],
			['ru', ru]
		] as const) {
			const bad = allStrings(doc(messages)).filter((s) =>
				LATIN.test(s.replace(/\{\w+\}|SHA-256/g, ''))
			);
			expect(bad, locale).toEqual([]);
		}
	});
	it('every language has the same keys', () => {
		expect(Object.keys(doc(ru))).toEqual(Object.keys(doc(ky)));
		expect(Object.keys(doc(en))).toEqual(Object.keys(doc(ky)));
	});
	it('Kyrgyz labels use the Kyrgyz letters', () => {
		expect(sourceLabel('local_budget', 'ky')).toBe('Жергиликтүү бюджет');
		expect(sourceLabel('community_private', 'ky')).toBe('Жамаат / жеке каражат');
		expect(sourceLabel('republican_budget', 'ru')).toBe(
			'Республиканский бюджет (категориальный грант)'
		);
		expect(allStrings(doc(ky)).join(' ')).toMatch(/ң/);
		expect(allStrings(doc(ky)).join(' ')).toMatch(/ө/);
		expect(allStrings(doc(ky)).join(' ')).toMatch(/ү/);
	});
});

describe('planToXlsx', () => {
	it('has the four sheets, named in the language', async () => {
		expect((await load(await planToXlsx(view, 'ky'))).worksheets.map((w) => w.name)).toEqual([
			'План',
			'Бюджет',
			'Жыйынтык',
			'Көрсөткүчтөр'
		]);
		expect((await load(await planToXlsx(view, 'ru'))).worksheets.map((w) => w.name)).toEqual([
			'План',
			'Бюджет',
			'Итоги',
			'Индикаторы'
		]);
		expect((await load(await planToXlsx(view, 'en'))).worksheets.map((w) => w.name)).toEqual([
			'Plan',
			'Budget',
			'Summary',
			'Indicators'
		]);
	});

	it('plan sheet: header, section rows, one row per activity and the total row', async () => {
		const ws = (await load(await planToXlsx(view, 'ky'))).getWorksheet('План')!;
		const header = values(ws, 1);
		expect(header).toEqual([
			'№',
			'Улуттук пландын чарасы',
			'Иш-чара',
			'Баштапкы маалымат',
			'Көрсөткүч',
			'Аткаруу мөөнөтү',
			'Күтүлүүчү натыйжа',
			'Жооптуу аткаруучу',
			'Өнөктөштөр',
			'Максаттуу топтор',
			'2025-ж., сом',
			'2026-ж., сом',
			'Баары, сом',
			'Анын ичинде гендердик максаттуу, сом',
			'Гендердик маркер',
			'Каржылоо булагы'
		]);
		expect(ws.getRow(1).font?.bold).toBe(true);
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

		// 1 header + 2 sections + 4 activities + 1 total
		expect(ws.rowCount).toBe(8);
		expect(values(ws, 2).slice(0, 3)).toEqual([
			'1',
			'Аялдардын экономикалык мүмкүнчүлүктөрү',
			'Аялдардын экономикалык мүмкүнчүлүктөрү'
		]);
		expect(ws.getRow(2).font?.bold).toBe(true);
		expect(values(ws, 5).slice(0, 2)).toEqual(['2', 'Тынчтык жана коопсуздук']);
		expect(ws.getRow(5).font?.bold).toBe(true);
		const activityRows = [3, 4, 6, 7];
		expect(activityRows.map((r) => ws.getRow(r).getCell(1).value)).toEqual([
			'1.1',
			'1.2',
			'2.1',
			'2.2'
		]);
		expect(activityRows.map((r) => ws.getRow(r).getCell(3).value)).toEqual([
			a1.title,
			a2.title,
			a3.title,
			a4.title
		]);

		const r1 = values(ws, 3);
		expect(r1[1]).toBe('2.1.3 (Гендердик ИУП 2025–2027)');
		expect(r1[3]).toBe('0\n—');
		expect(r1[4]).toBe('Окуудан өткөн аялдар (адам)\nИшкердикти баштаган аялдар (%)');
		expect(r1[5]).toBe('2025-ж. II чейрек – 2026-ж. IV чейрек');
		expect(r1[6]).toBe('2025: 20; 2026: 40\n2025: 10; 2026: 25');
		expect(r1.slice(7, 10)).toEqual([
			'Айыл өкмөтүнүн социалдык бөлүмү',
			'Жергиликтүү КЭУ',
			'Жумушсуз аялдар'
		]);
		expect(r1.slice(10, 13)).toEqual([150000, 300000.5, 450000.5]);
		expect(r1[13]).toBe(375000.5);
		expect(r1[14]).toBe('1, 2');
		expect(r1[15]).toBe('Жергиликтүү бюджет\nДонор (ПРООН)');

		const r2 = values(ws, 4);
		expect(r2[1]).toBe('Жергиликтүү иш-чара');
		expect(r2[5]).toBe('2025-ж.');
		expect(r2.slice(10, 14)).toEqual([80000, 120000.25, 200000.25, 48000.1]);
		expect(r2[14]).toBe('0, 1');
		expect(r2[15]).toBe('Жергиликтүү бюджет\nКаржыланбаган');

		const r4 = values(ws, 7);
		expect(r4[6]).toBe('2026: Ооба');
		expect(r4.slice(10, 14)).toEqual([0, 299999.99, 299999.99, 50000]);
		expect(r4[15]).toBe('Стимулдаштыруучу грант\nКаржыланбаган');

		// money cells are numbers with the money format
		for (const r of [...activityRows, 8])
			for (let c = 11; c <= 14; c++) {
				const cell = ws.getRow(r).getCell(c);
				expect(typeof cell.value, `row ${r} col ${c}`).toBe('number');
				expect(cell.numFmt).toBe(MONEY_FORMAT);
			}

		const total = values(ws, 8);
		expect(total[0]).toBe('Баары');
		expect(ws.getRow(8).font?.bold).toBe(true);
		expect(total.slice(10, 14)).toEqual([TOTAL_2025, TOTAL_2026, TOTAL, GENDER_TOTAL]);
	});

	it('Russian plan sheet: localised headers, deadlines and sources', async () => {
		const ws = (await load(await planToXlsx(view, 'ru'))).getWorksheet('План')!;
		const header = values(ws, 1) as string[];
		expect(header[0]).toBe('№');
		expect(header[10]).toBe('2025 г., сом');
		expect(values(ws, 3)[5]).toBe('II кв. 2025 – IV кв. 2026');
		expect(values(ws, 4)[1]).toBe('Местное мероприятие');
		expect(values(ws, 4)[15]).toBe('Местный бюджет\nНе профинансировано');
		expect(values(ws, 8)[0]).toBe('Итого');
	});

	it('ky and ru headers differ and have no Latin letters', async () => {
		const headers = async (locale: 'ky' | 'ru') => {
			const wb = await load(await planToXlsx(view, locale));
			const summary = wb.worksheets[2];
			return {
				plan: values(wb.worksheets[0]!, 1) as string[],
				budget: values(wb.worksheets[1]!, 1) as string[],
				summary: values(
					summary!,
					findRow(summary!, locale === 'ky' ? 'Аталышы' : 'Показатель')
				) as string[]
			};
		};
		const ky = await headers('ky');
		const ru = await headers('ru');
		for (const h of [ky, ru])
			for (const cells of [h.plan, h.budget, h.summary]) {
				expect(cells.every((c) => typeof c === 'string' && c.length > 0)).toBe(true);
				expect(cells.filter((c) => LATIN.test(c))).toEqual([]);
			}
		expect(ky.plan).not.toEqual(ru.plan);
		expect(ky.budget).not.toEqual(ru.budget);
		expect(ky.summary).not.toEqual(ru.summary);
	});

	it('budget sheet: one row per line, numbers, autofilter and the total', async () => {
		const ws = (await load(await planToXlsx(view, 'ru'))).getWorksheet('Бюджет')!;
		expect(values(ws, 1)).toEqual([
			'№',
			'Мероприятие',
			'Год',
			'Сумма, сом',
			'Источник финансирования',
			'Донор',
			'Код бюджетной классификации',
			'Гендерный маркер',
			'Гендерная доля, %',
			'Гендерно-целевая сумма, сом',
			'Обоснование',
			'Получатели: женщины',
			'Получатели: мужчины',
			'Получатели: девочки',
			'Получатели: мальчики'
		]);
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(ws.autoFilter).toBeTruthy();
		// 8 lines + header + total
		expect(ws.rowCount).toBe(10);
		const rows = [2, 3, 4, 5, 6, 7, 8, 9].map((r) => values(ws, r));
		expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[7], r[9]])).toEqual([
			['1.1', 2025, 150000, 'Местный бюджет', 1, 75000],
			['1.1', 2026, 300000.5, 'Донор', 2, 300000.5],
			['1.2', 2025, 80000, 'Не профинансировано', 0, 0],
			['1.2', 2026, 120000.25, 'Местный бюджет', 1, 48000.1],
			['2.1', 2025, 500000, 'Донор', 2, 500000],
			['2.1', 2025, 50000, 'Местный бюджет', 2, 50000],
			['2.2', 2026, 200000, 'Стимулирующий грант', 1, 50000],
			['2.2', 2026, 99999.99, 'Не профинансировано', 0, 0]
		]);
		expect(rows[0]![6]).toBe('2111');
		expect(rows[0]![8]).toBe(50);
		expect(rows[1]!.slice(5, 6)).toEqual(['ПРООН']);
		expect(rows[1]![10]).toBe('Аялдардын экономикалык мүмкүнчүлүктөрү');
		expect(rows[1]!.slice(11, 15)).toEqual([40, null, 5, null]);
		for (let r = 2; r <= 10; r++) {
			expect(ws.getRow(r).getCell(4).numFmt).toBe(MONEY_FORMAT);
			expect(typeof ws.getRow(r).getCell(10).value).toBe('number');
		}
		const total = values(ws, 10);
		expect(total[0]).toBe('Итого');
		expect(total[3]).toBe(TOTAL);
		expect(total[9]).toBe(GENDER_TOTAL);
	});

	it('summary sheet: by source, gender share, gap, envelope, by plan, by pillar, counts and the marker note', async () => {
		const ws = (await load(await planToXlsx(view, 'ru'))).getWorksheet('Итоги')!;
		const row = (label: string) => values(ws, findRow(ws, label)).slice(1, 4);
		expect(values(ws, findRow(ws, 'Показатель')).slice(0, 4)).toEqual([
			'Показатель',
			'2025 г.',
			'2026 г.',
			'Всего'
		]);
		expect(row('Местный бюджет')).toEqual([200000, 120000.25, 320000.25]);
		expect(row('Донор')).toEqual([500000, 300000.5, 800000.5]);
		expect(row('Стимулирующий грант')).toEqual([0, 200000, 200000]);
		expect(row('Республиканский бюджет (категориальный грант)')).toEqual([0, 0, 0]);
		expect(row('Сообщество / частные средства')).toEqual([0, 0, 0]);
		expect(row('Не профинансировано')).toEqual([80000, 99999.99, 179999.99]);
		expect(row('Всего, сом')).toEqual([TOTAL_2025, TOTAL_2026, TOTAL]);
		expect(row('Гендерно-целевая сумма, сом')).toEqual([625000, 398000.6, GENDER_TOTAL]);
		expect(row('Доля гендерно-целевых средств, %')).toEqual([80.1, 55.3, 68.2]);
		expect(row('Не профинансировано (дефицит финансирования), сом')).toEqual([
			80000, 99999.99, 179999.99
		]);
		expect(row('Лимит местного бюджета, установленный кенешем, сом')).toEqual([
			250000, 100000, 350000
		]);
		expect(row('Лимит превышен')).toEqual(['Нет', 'Да', 'Да']);
		expect(row('Второй национальный план по гендерному равенству')).toEqual([
			150000, 300000.5, 450000.5
		]);
		expect(row('Пятый НПД по резолюции 1325')).toEqual([550000, 299999.99, 849999.99]);
		expect(row('Местные мероприятия (без национального источника)')).toEqual([
			80000, 120000.25, 200000.25
		]);
		expect(row('Предотвращение')).toEqual([550000, 0, 550000]);
		expect(row('Участие')).toEqual([550000, 0, 550000]);
		expect(row('Защита')).toEqual([0, 299999.99, 299999.99]);

		// the by-plan rows come twice: money, then the activity counts
		const countsFrom = findRow(ws, 'Количество мероприятий по планам');
		const counts: Record<string, unknown> = {};
		for (let r = countsFrom + 1; r <= ws.rowCount; r++) {
			const label = ws.getRow(r).getCell(1).value;
			if (typeof label === 'string' && typeof ws.getRow(r).getCell(2).value === 'number')
				counts[label] = ws.getRow(r).getCell(2).value;
		}
		expect(counts).toEqual({
			'Второй национальный план по гендерному равенству': 1,
			'Пятый НПД по резолюции 1325': 2,
			'Местные мероприятия (без национального источника)': 1,
			'Всего мероприятий': 4
		});

		const texts: string[] = [];
		for (let r = 1; r <= ws.rowCount; r++) texts.push(String(ws.getRow(r).getCell(1).value ?? ''));
		const note = texts.find((t) => t.includes('ОЭСР'));
		expect(note).toMatch(/бюджетной классификации Кыргызской Республики гендерной отметки нет/);
		expect(texts.at(-1)).toMatch(
			/^Гендерный маркер: 0 — .*; 2 — гендерное равенство — основная цель\.$/
		);
		expect(texts.join('\n')).not.toMatch(LATIN);
	});

	it('Kyrgyz summary: the note in Kyrgyz, no English', async () => {
		const ws = (await load(await planToXlsx(view, 'ky'))).getWorksheet('Жыйынтык')!;
		const texts: string[] = [];
		for (let r = 1; r <= ws.rowCount; r++)
			for (let c = 1; c <= ws.columnCount; c++) {
				const v = ws.getRow(r).getCell(c).value;
				if (typeof v === 'string') texts.push(v);
			}
		expect(texts.join('\n')).not.toMatch(LATIN);
		expect(texts.some((t) => t.includes('ЭКӨУ') && t.includes('гендердик белги жок'))).toBe(true);
		expect(values(ws, findRow(ws, 'Жергиликтүү бюджет')).slice(1, 4)).toEqual([
			200000, 120000.25, 320000.25
		]);
		expect(values(ws, findRow(ws, 'Лимиттен ашып кеттиби')).slice(1, 4)).toEqual([
			'Жок',
			'Ооба',
			'Ооба'
		]);
	});
});

describe('indicator figures as numbers', () => {
	// figures as PostgreSQL gives them: numeric(16,2)
	const stored: PlanView = {
		...view,
		sections: [
			{
				id: 9,
				title: 'Бөлүм',
				titleRu: '',
				position: 0,
				rowVersion: 1,
				activities: [
					activity(900, 9, 0, 'Иш-чара', {
						indicators: [
							indicator(900, 'Катышкандар', 'адам', '0.00', [
								[2026, { female: '120.00', male: '80.00' }]
							]),
							indicator(900, 'Үлүшү', '%', '12.50', [[2026, '37.50']], 'percent', { bySex: false })
						]
					})
				]
			}
		]
	};

	it('the indicator sheet holds every figure as a number cell: total, women, men', async () => {
		const ws = (await load(await planToXlsx(stored, 'ky'))).getWorksheet('Көрсөткүчтөр')!;
		expect(values(ws, 1).slice(0, 9)).toEqual([
			'№',
			'Иш-чара',
			'Көрсөткүч',
			'Өлчөм бирдиги',
			'Түрү',
			'Мезгил',
			'Баары',
			'Аялдар / кыз балдар',
			'Эркектер / уул балдар'
		]);
		expect([2, 3, 4, 5].map((r) => values(ws, r).slice(2, 9))).toEqual([
			['Катышкандар', 'адам', 'сан', 'Баштапкы', 0, '', ''],
			['Катышкандар', 'адам', 'сан', '2026', 200, 120, 80],
			['Үлүшү', '%', 'пайыз', 'Баштапкы', 12.5, '', ''],
			['Үлүшү', '%', 'пайыз', '2026', 37.5, '', '']
		]);
	});

	it('in the plan sheet and the CSV, figures are written as officials write them: no trailing zeros, the decimal comma in ky and ru', async () => {
		const ws = (await load(await planToXlsx(stored, 'ru'))).getWorksheet('План')!;
		expect(values(ws, 3)[3]).toBe('0\n12,5');
		expect(values(ws, 3)[6]).toBe('2026: 200 (женщины 120 / мужчины 80)\n2026: 37,5');
		const csv = parseCsv(planToCsv(stored, 'ky')).rows.map((r) => r.cells);
		expect(csv[2]![3]).toBe('0\n12,5');
		expect(csv[2]![6]).toBe('2026: 200 (аялдар 120 / эркектер 80)\n2026: 37,5');
		expect(parseCsv(planToCsv(stored, 'en')).rows.map((r) => r.cells)[2]![6]).toBe(
			'2026: 200 (women 120 / men 80)\n2026: 37.5'
		);
	});
});

describe('planToCsv', () => {
	it('is the action table: header, section rows, activity rows and the total, amounts as exact strings', async () => {
		const csv = planToCsv(view, 'ky');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = parseCsv(csv).rows.map((r) => r.cells);
		expect(rows).toHaveLength(8);
		const ws = (await load(await planToXlsx(view, 'ky'))).getWorksheet('План')!;
		expect(rows[0]).toEqual(values(ws, 1));
		expect(rows.every((r) => r.length === 16)).toBe(true);
		expect(rows[1]!.slice(0, 3)).toEqual(['1', 'Аялдардын экономикалык мүмкүнчүлүктөрү', '']);
		expect(rows[4]!.slice(0, 2)).toEqual(['2', 'Тынчтык жана коопсуздук']);
		expect([2, 3, 5, 6].map((i) => rows[i]![0])).toEqual(['1.1', '1.2', '2.1', '2.2']);
		expect([2, 3, 5, 6].map((i) => rows[i]![2])).toEqual([a1.title, a2.title, a3.title, a4.title]);
		// the text cells are those of the sheet
		for (const [i, r] of [2, 3, 5, 6].entries())
			expect(rows[r]!.slice(0, 10)).toEqual(values(ws, [3, 4, 6, 7][i]!).slice(0, 10));
		expect(rows[2]!.slice(10, 16)).toEqual([
			'150000.00',
			'300000.50',
			'450000.50',
			'375000.50',
			'1, 2',
			'Жергиликтүү бюджет\nДонор (ПРООН)'
		]);
		expect(rows[3]!.slice(10, 14)).toEqual(['80000.00', '120000.25', '200000.25', '48000.10']);
		expect(rows[5]!.slice(10, 14)).toEqual(['550000.00', '0.00', '550000.00', '550000.00']);
		expect(rows[6]!.slice(10, 14)).toEqual(['0.00', '299999.99', '299999.99', '50000.00']);
		expect(rows[7]![0]).toBe('Баары');
		expect(rows[7]!.slice(10, 14)).toEqual(['780000.00', '720000.74', '1500000.74', '1023000.60']);
	});

	it('Russian CSV has Russian headers and no Latin letters in them', () => {
		const header = parseCsv(planToCsv(view, 'ru')).rows[0]!.cells;
		expect(header[2]).toBe('Мероприятие');
		expect(header.filter((c) => LATIN.test(c))).toEqual([]);
		expect(header).not.toEqual(parseCsv(planToCsv(view, 'ky')).rows[0]!.cells);
	});

	it('text that Excel would run as a formula is defused', () => {
		const evil: PlanView = {
			...view,
			sections: [
				{ id: 9, title: '=HYPERLINK("x")', titleRu: '', position: 0, rowVersion: 1, activities: [] }
			]
		};
		const rows = parseCsv(planToCsv(evil, 'en')).rows.map((r) => r.cells);
		expect(rows[1]![1]).toBe(`'=HYPERLINK("x")`);
		expect(rows[2]!.slice(10, 14)).toEqual(['0.00', '0.00', '0.00', '0.00']);
	});
});
