import { describe, expect, it } from 'vitest';
import { actionTable, indicatorTable, type Cell } from './action-table';
import { summaryTable } from './summary-table';
import { readSnapshot } from './snapshot';
import { a1, indicator, sampleView as view } from './sample-plan';
import type { PlanView } from './types';

const money = (value: string, none = false): Cell => ({
	type: 'money',
	value,
	...(none ? { none } : {})
});

/** The sample plan with a1's first indicator carrying women and men, age bands and disability. */
function withBreakdown(): PlanView {
	const trained = indicator(101, 'Окуудан өткөн адамдар', 'адам', { female: '8', male: '4' }, [
		[
			2025,
			{
				female: '12.5',
				male: '7.50',
				age: { '18-29': '12', '30-59': '8' },
				disability: { with: '2' }
			}
		],
		[2026, { female: '25', male: '15' }]
	]);
	const girls = indicator(
		101,
		'Спорт секциясындагы балдар',
		'бала',
		null,
		[[2026, { female: '30', male: '20' }]],
		'count',
		{ population: 'children' }
	);
	const safe = indicator(
		101,
		'Өзүн коопсуз сезгендер',
		'%',
		null,
		[[2026, { female: '45', male: '65' }]],
		'percent'
	);
	const a = { ...a1, indicators: [trained, girls, safe] };
	return {
		...view,
		sections: view.sections.map((s) => ({
			...s,
			activities: s.activities.map((x) => (x.id === a1.id ? a : x))
		}))
	};
}

describe('the action table model', () => {
	it('rows follow the section and activity positions; each row has its number, texts, money per year and sources', () => {
		const table = actionTable(view, 'ky');
		expect(table.years).toEqual([2025, 2026]);
		expect(table.sections.map((s) => [s.no, s.title, s.rows.map((r) => r.cells.no)])).toEqual([
			[
				'1',
				'Аялдардын экономикалык мүмкүнчүлүктөрү',
				[
					{ type: 'text', text: '1.1' },
					{ type: 'text', text: '1.2' }
				]
			],
			[
				'2',
				'Тынчтык жана коопсуздук',
				[
					{ type: 'text', text: '2.1' },
					{ type: 'text', text: '2.2' }
				]
			]
		]);
		const [r1, r2] = table.sections[0]!.rows.map((r) => r.cells);
		expect(r1!['year:2025']).toEqual(money('150000.00'));
		expect(r1!['year:2026']).toEqual(money('300000.50'));
		expect(r1!.total).toEqual(money('450000.50'));
		expect(r1!.genderTotal).toEqual(money('375000.50'));
		expect(r1!.markers).toEqual({ type: 'text', text: '1, 2' });
		expect(r1!.sources).toEqual({ type: 'list', items: ['Жергиликтүү бюджет', 'Донор (ПРООН)'] });
		expect(r1!.measure).toEqual({ type: 'text', text: '2.1.3 (Гендердик ИУП 2025–2027)' });
		expect(r1!.source).toEqual({
			type: 'text',
			text: 'Улуттук пландын чарасы 2.1.3: Гендердик теңчилик боюнча экинчи улуттук план (2025–2027)'
		});
		expect(r2!.measure).toEqual({ type: 'text', text: 'Жергиликтүү иш-чара' });
		// a year without any budget line is marked, so the PDF prints a dash and the spreadsheet a zero
		expect(table.sections[1]!.rows[1]!.cells['year:2025']).toEqual(money('0.00', true));
	});

	it('the total row sums every money column exactly', () => {
		const { totals, totalLabel } = actionTable(view, 'ru');
		expect(totalLabel).toBe('Итого');
		expect(totals).toEqual({
			'year:2025': money('780000.00'),
			'year:2026': money('720000.74'),
			total: money('1500000.74'),
			genderTotal: money('1023000.60')
		});
	});

	it('columns carry their labels in the language and say which hold money', () => {
		const { columns } = actionTable(view, 'ru');
		expect(columns.activity).toEqual({ id: 'activity', label: 'Мероприятие', money: false });
		expect(columns['year:2026']).toEqual({ id: 'year:2026', label: '2026 г., сом', money: true });
		expect(
			Object.values(columns)
				.filter((c) => c.money)
				.map((c) => c.id)
		).toEqual(['year:2025', 'year:2026', 'total', 'genderTotal']);
	});

	it('indicator cells are one item per indicator: numbers without trailing zeros, yes/no in words, a dash where none', () => {
		const [r1] = actionTable(view, 'ru').sections[0]!.rows.map((r) => r.cells);
		expect(r1!.baseline).toEqual({ type: 'list', items: ['0', null], perIndicator: true });
		expect(r1!.expectedResult).toEqual({
			type: 'list',
			items: ['2025: 20; 2026: 40', '2025: 10; 2026: 25'],
			perIndicator: true
		});
		const yesNo = actionTable(view, 'ru').sections[1]!.rows[1]!.cells;
		expect(yesNo.expectedResult).toEqual({ type: 'list', items: ['2026: Да'], perIndicator: true });
	});

	it('breakdown cells: women and men (girls and boys for children), age bands and disability beside the derived total', () => {
		const ky = actionTable(withBreakdown(), 'ky').sections[0]!.rows[0]!.cells;
		expect(ky.baseline).toEqual({
			type: 'list',
			items: ['12 (аялдар 8 / эркектер 4)', null, null],
			perIndicator: true
		});
		expect(ky.expectedResult).toEqual({
			type: 'list',
			items: [
				'2025: 20 (аялдар 12,5 / эркектер 7,5; жашы боюнча: 18–29: 12, 30–59: 8; майыптуулугу бар 2); 2026: 40 (аялдар 25 / эркектер 15)',
				'2026: 50 (кыз балдар 30 / уул балдар 20)',
				'2026: аялдар 45 / эркектер 65'
			],
			perIndicator: true
		});
		const ru = actionTable(withBreakdown(), 'ru').sections[0]!.rows[0]!.cells;
		expect(ru.expectedResult).toMatchObject({
			items: [
				expect.stringContaining('2026: 40 (женщины 25 / мужчины 15)'),
				'2026: 50 (девочки 30 / мальчики 20)',
				'2026: женщины 45 / мужчины 65'
			]
		});
	});

	it('the indicator table holds every figure in a cell of its own, as numbers', () => {
		const { columns, rows } = indicatorTable(withBreakdown(), 'ru');
		expect(columns.map((c) => c.label)).toEqual([
			'№',
			'Мероприятие',
			'Индикатор',
			'Единица измерения',
			'Тип',
			'Период',
			'Всего',
			'Женщины / девочки',
			'Мужчины / мальчики',
			'0–5 лет',
			'6–13 лет',
			'14–17 лет',
			'18–29 лет',
			'30–59 лет',
			'60+ лет',
			'С инвалидностью',
			'Без инвалидности'
		]);
		const first = rows.filter(
			(r) => (r.indicator as { text: string }).text === 'Окуудан өткөн адамдар'
		);
		expect(
			first.map((r) => [
				r.period,
				r.total,
				r.female,
				r.male,
				r['age:18-29'],
				r['disability:with'],
				r['disability:without']
			])
		).toEqual([
			[
				{ type: 'text', text: 'Исходное' },
				{ type: 'number', value: '12.00' },
				{ type: 'number', value: '8' },
				{ type: 'number', value: '4' },
				{ type: 'text', text: '' },
				{ type: 'text', text: '' },
				{ type: 'text', text: '' }
			],
			[
				{ type: 'text', text: '2025' },
				{ type: 'number', value: '20.00' },
				{ type: 'number', value: '12.5' },
				{ type: 'number', value: '7.50' },
				{ type: 'number', value: '12' },
				{ type: 'number', value: '2' },
				{ type: 'text', text: '' }
			],
			[
				{ type: 'text', text: '2026' },
				{ type: 'number', value: '40.00' },
				{ type: 'number', value: '25' },
				{ type: 'number', value: '15' },
				{ type: 'text', text: '' },
				{ type: 'text', text: '' },
				{ type: 'text', text: '' }
			]
		]);
		// a period with no figure is left out
		expect(
			rows
				.filter((r) => (r.indicator as { text: string }).text === 'Өзүн коопсуз сезгендер')
				.map((r) => r.period)
		).toEqual([{ type: 'text', text: '2026' }]);
	});
});

describe('the gender budget summary model', () => {
	it('money by source with the totals, the share, the gap and the envelope, per year and in total', () => {
		const s = summaryTable(view, 'ru');
		expect(s.head).toEqual(['Показатель', '2025 г.', '2026 г.', 'Всего']);
		const row = (label: string) => s.budget.rows.find((r) => r.label === label)!;
		expect(row('Местный бюджет').cells).toEqual([
			money('200000.00'),
			money('120000.25'),
			money('320000.25')
		]);
		expect(row('Всего, сом')).toMatchObject({
			strong: true,
			cells: [money('780000.00'), money('720000.74'), money('1500000.74')]
		});
		expect(row('Доля гендерно-целевых средств, %').cells).toEqual([
			{ type: 'share', value: '80.1' },
			{ type: 'share', value: '55.3' },
			{ type: 'share', value: '68.2' }
		]);
		expect(row('Лимит превышен')).toMatchObject({
			alert: [false, true, true],
			cells: [
				{ type: 'text', text: 'Нет' },
				{ type: 'text', text: 'Да' },
				{ type: 'text', text: 'Да' }
			]
		});
		expect(s.byPillar.rows.map((r) => r.label)).toEqual(['Предотвращение', 'Участие', 'Защита']);
		expect(s.counts.total).toEqual({ label: 'Всего мероприятий', count: 4 });
	});
});

describe('approved snapshots', () => {
	it('an old-shape snapshot (baseline a string, targets { year, value }) reads as totals, and the stored object is left alone', () => {
		const old = JSON.parse(JSON.stringify(view));
		// the sections are stored out of order: [1] is the first section, [0] holds a4 (a yes/no indicator) first
		const ind = old.sections[0].activities[0].indicators[0];
		ind.baseline = '0.00';
		ind.targets = [{ year: 2026, value: '1.00' }];
		delete ind.population;
		const frozen = JSON.stringify(old);
		const read = readSnapshot(old);
		expect(read.sections[0]!.activities[0]!.indicators[0]).toMatchObject({
			population: 'adults',
			baseline: {
				total: '0.00',
				derived: false,
				female: null,
				male: null,
				age: {},
				disability: {}
			},
			targets: [{ year: 2026, total: '1.00', female: null, male: null }]
		});
		expect(JSON.stringify(old)).toBe(frozen);
		// a snapshot of today's shape reads as it is
		expect(
			readSnapshot(JSON.parse(JSON.stringify(view))).sections[0]!.activities[0]!.indicators
		).toEqual(JSON.parse(JSON.stringify(view)).sections[0].activities[0].indicators);
		expect(actionTable(read, 'ru').sections[1]!.rows[1]!.cells.baseline).toEqual({
			type: 'list',
			items: ['Нет'],
			perIndicator: true
		});
		expect(actionTable(read, 'ru').sections[1]!.rows[1]!.cells.expectedResult).toEqual({
			type: 'list',
			items: ['2026: Да'],
			perIndicator: true
		});
	});
});
