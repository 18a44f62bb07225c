import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineToText, formatDeadline, parseDeadline } from './deadline';
import { DEADLINE_KINDS, type Deadline, type PlanFile } from './server/catalogue/plan-file';

const PERIOD = { from: 2018, to: 2020 };

/** The structured part of a deadline, with the optional fields filled as parseDeadline fills them. */
function fields(d: Deadline | null) {
	if (!d) return null;
	return {
		kind: d.kind,
		from: d.from,
		to: d.to,
		half: d.half ?? null,
		quarter: d.quarter ?? null,
		every: d.every ?? null,
		checkpoints: d.checkpoints ?? []
	};
}

const none = { half: null, quarter: null, every: null, checkpoints: [] };
const year = (y: number) => ({ kind: 'year', from: y, to: y, ...none });
const during = (y: number) => ({ kind: 'during_year', from: y, to: y, ...none });
const range = (from: number, to: number) => ({ kind: 'range', from, to, ...none });
const half = (y: number, h: number) => ({ kind: 'half_year', from: y, to: y, ...none, half: h });
const quarter = (y: number, q: number) => ({
	kind: 'quarter',
	from: y,
	to: y,
	...none,
	quarter: q
});
const recurring = (every: string, from: number | null, to: number | null) => ({
	kind: 'recurring',
	from,
	to,
	...none,
	every
});
const checkpoints = (from: number, to: number, list: string[]) => ({
	kind: 'checkpoints',
	from,
	to,
	...none,
	checkpoints: list
});

describe('parseDeadline: Russian forms', () => {
	it.each([
		['2019 год', year(2019)],
		['2019 г.', year(2019)],
		['в 2019 году', year(2019)],
		['в течение 2019 года', during(2019)],
		['2018-2020 гг.', range(2018, 2020)],
		['2018 – 2020 годы', range(2018, 2020)],
		['с 2018 по 2020 год', range(2018, 2020)],
		['I полугодие 2019 г.', half(2019, 1)],
		['2-е полугодие 2020 года', half(2020, 2)],
		['во втором полугодии 2019 года', half(2019, 2)],
		['IV квартал 2019 г.', quarter(2019, 4)],
		['3-й квартал 2020 г.', quarter(2020, 3)],
		['II-квартал 2020 г.', quarter(2020, 2)],
		['2019г.', year(2019)],
		['2019, 2020', checkpoints(2019, 2020, ['2019', '2020'])],
		['I и II квартал 2019 года', checkpoints(2019, 2019, ['2019-03', '2019-06'])],
		['декабрь 2019 г.', checkpoints(2019, 2019, ['2019-12'])],
		['до 1 декабря 2019 года', checkpoints(2019, 2019, ['2019-12'])],
		['до конца 2020 года', year(2020)]
	])('%s', (raw, expected) => {
		expect(fields(parseDeadline(raw, PERIOD))).toEqual(expected);
	});

	it('reads "ежегодно" and "постоянно" as every year over the plan period', () => {
		expect(fields(parseDeadline('ежегодно', PERIOD))).toEqual(recurring('year', 2018, 2020));
		expect(fields(parseDeadline('Постоянно', PERIOD))).toEqual(recurring('year', 2018, 2020));
		expect(fields(parseDeadline('ежегодно, до 15 января', PERIOD))).toEqual(
			recurring('year', 2018, 2020)
		);
		expect(fields(parseDeadline('ежеквартально', PERIOD))).toEqual(
			recurring('quarter', 2018, 2020)
		);
	});

	it('takes the years of a recurring deadline from the text when it gives them', () => {
		expect(fields(parseDeadline('ежегодно, 2019-2020 гг.', PERIOD))).toEqual(
			recurring('year', 2019, 2020)
		);
		expect(fields(parseDeadline('ежегодно до 2019 года', PERIOD))).toEqual(
			recurring('year', 2018, 2019)
		);
		expect(fields(parseDeadline('2020-жылга чейин жыл сайын', PERIOD))).toEqual(
			recurring('year', 2018, 2020)
		);
	});

	it('leaves the years of a recurring deadline empty without a plan period', () => {
		expect(fields(parseDeadline('ежегодно'))).toEqual(recurring('year', null, null));
	});
});

describe('parseDeadline: Kyrgyz forms', () => {
	it.each([
		['2019-жыл', year(2019)],
		['2018-2020-жылдар', range(2018, 2020)],
		['2018-жылдан 2020-жылга чейин', range(2018, 2020)],
		['2019-жылдын ичинде', during(2019)],
		['2019-жылдын 2-жарым жылдыгы', half(2019, 2)],
		['2019-жылдын биринчи жарымы', half(2019, 1)],
		['2019-жылдын IV чейреги', quarter(2019, 4)],
		['2018-жылдын акыркы чейреги', quarter(2018, 4)],
		['2019-жылдын 1 жана 2-чейреги', checkpoints(2019, 2019, ['2019-03', '2019-06'])],
		['2020-жылдын аягына чейин', year(2020)],
		['2019-жылдын декабры', checkpoints(2019, 2019, ['2019-12'])]
	])('%s', (raw, expected) => {
		expect(fields(parseDeadline(raw, PERIOD))).toEqual(expected);
	});

	it('reads "жыл сайын" and "туруктуу" as every year over the plan period', () => {
		expect(fields(parseDeadline('жыл сайын', PERIOD))).toEqual(recurring('year', 2018, 2020));
		expect(fields(parseDeadline('Туруктуу', PERIOD))).toEqual(recurring('year', 2018, 2020));
		expect(fields(parseDeadline('жарым жыл сайын', PERIOD))).toEqual(
			recurring('half_year', 2018, 2020)
		);
	});
});

describe('parseDeadline: English forms', () => {
	it.each([
		['2019', year(2019)],
		['during 2019', during(2019)],
		['2019, 2nd half', half(2019, 2)],
		['H1 2020', half(2020, 1)],
		['Q4 2019', quarter(2019, 4)],
		['December 2019', checkpoints(2019, 2019, ['2019-12'])],
		['2019-06', checkpoints(2019, 2019, ['2019-06'])]
	])('%s', (raw, expected) => {
		expect(fields(parseDeadline(raw, PERIOD))).toEqual(expected);
	});
	it('reads "every year" and "quarterly"', () => {
		expect(fields(parseDeadline('every year', PERIOD))).toEqual(recurring('year', 2018, 2020));
		expect(fields(parseDeadline('quarterly', PERIOD))).toEqual(recurring('quarter', 2018, 2020));
	});
});

describe('parseDeadline: what it refuses', () => {
	it.each([
		'someday',
		'2019-13',
		'20199',
		'2020-2018',
		'1985',
		'2101 год',
		'201-2020-жылдар',
		'в течение года',
		'туруктуу өнүгүү'
	])('a bad deadline: %s', (raw) => {
		expect(parseDeadline(raw, PERIOD)).toBeNull();
	});

	it('an empty cell is an unknown deadline, not a bad one', () => {
		const empty = {
			raw: '',
			kind: 'unknown',
			from: null,
			to: null,
			half: null,
			quarter: null,
			every: null,
			checkpoints: []
		};
		expect(parseDeadline('', PERIOD)).toEqual(empty);
		expect(parseDeadline('  \n ', PERIOD)).toEqual(empty);
	});

	it('fills every field and keeps the raw text', () => {
		expect(parseDeadline(' 2019-жыл ', PERIOD)).toEqual({ raw: '2019-жыл', ...year(2019) });
	});
});

/**
 * Measures whose stored deadline is right but whose source text is not. Kept out of the exact match.
 * g18.m36.1: the source reads "201-2020-жылдар", a typo for 2018–2020; the reviewed file stores
 * 2018–2020, while the parser rightly calls "201" a bad year.
 */
const SOURCE_TYPOS = new Set(['g18.m36.1']);

describe('parseDeadline on the catalogue data files', () => {
	const dir = path.join(process.cwd(), 'src/lib/server/catalogue/data');
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort();
	let checked = 0;

	it.each(files)('gives back every stored deadline of %s', (file) => {
		const plan = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as PlanFile;
		const period = { from: plan.plan.periodStart, to: plan.plan.periodEnd };
		const mismatches: unknown[] = [];
		for (const chapter of plan.chapters)
			for (const goal of chapter.goals)
				for (const task of goal.tasks)
					for (const measure of task.measures) {
						if (measure.deadline.kind === 'unknown' || SOURCE_TYPOS.has(measure.id)) continue;
						checked++;
						const got = fields(parseDeadline(measure.deadline.raw, period));
						const stored = fields(measure.deadline);
						if (JSON.stringify(got) !== JSON.stringify(stored))
							mismatches.push({ id: measure.id, raw: measure.deadline.raw, got, stored });
					}
		expect(mismatches).toEqual([]);
	});

	it('checked the data files at all', () => {
		expect(checked).toBeGreaterThan(0);
	});

	it('calls the source typos bad deadlines', () => {
		expect(parseDeadline('201-2020-жылдар', PERIOD)).toBeNull();
	});
});

describe('formatDeadline', () => {
	const parse = (raw: string) => parseDeadline(raw, PERIOD)!;

	it('labels a half year in each language', () => {
		const d = parse('2019-жылдын 2-жарым жылдыгы');
		expect(formatDeadline(d, 'ky')).toBe('2019, 2-жарым жыл');
		expect(formatDeadline(d, 'ru')).toBe('2-е полугодие 2019');
		expect(formatDeadline(d, 'en')).toBe('2019, 2nd half');
	});

	it('labels ranges, years, quarters and the whole of a year', () => {
		expect(formatDeadline(parse('2018-2020-жылдар'), 'ru')).toBe('2018–2020');
		expect(formatDeadline(parse('2019-жыл'), 'ky')).toBe('2019-жыл');
		expect(formatDeadline(parse('2019 год'), 'en')).toBe('2019');
		expect(formatDeadline(parse('IV квартал 2019 г.'), 'ky')).toBe('2019, IV чейрек');
		expect(formatDeadline(parse('IV квартал 2019 г.'), 'en')).toBe('2019, Q4');
		expect(formatDeadline(parse('в течение 2019 года'), 'ru')).toBe('в течение 2019 года');
	});

	it('labels recurring deadlines', () => {
		const d = parse('жыл сайын');
		expect(formatDeadline(d, 'ky')).toBe('жыл сайын');
		expect(formatDeadline(d, 'ru')).toBe('ежегодно');
		expect(formatDeadline(d, 'en')).toBe('every year');
	});

	it('labels checkpoints by month', () => {
		const d = parse('2019-жылдын 1-жарым жылдыгы, 2020-жылдын 1-жарым жылдыгы');
		expect(formatDeadline(d, 'en')).toBe('June 2019; June 2020');
		expect(formatDeadline(d, 'ky')).toBe('2019-ж. июнь; 2020-ж. июнь');
		expect(formatDeadline(parse('2019, 2020'), 'ru')).toBe('2019; 2020');
	});

	it('shows an unknown deadline as a dash', () => {
		expect(formatDeadline(parse(''), 'ky')).toBe('—');
	});
});

describe('deadlineToText', () => {
	it('writes every stored deadline of the shipped plans as text that parses back to the same deadline', () => {
		const dir = path.join(process.cwd(), 'src/lib/server/catalogue/data');
		let checked = 0;
		for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
			const plan = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as PlanFile;
			const period = { from: plan.plan.periodStart, to: plan.plan.periodEnd };
			for (const c of plan.chapters)
				for (const g of c.goals)
					for (const t of g.tasks)
						for (const m of t.measures) {
							if (m.deadline.kind === 'unknown') continue;
							const again = parseDeadline(deadlineToText(m.deadline), period);
							expect(fields(again), m.id).toEqual(fields(m.deadline));
							checked++;
						}
		}
		expect(checked).toBeGreaterThan(100);
	});
	it('covers every kind', () => {
		const cases: Deadline[] = [
			{
				raw: '',
				kind: 'quarter',
				from: 2019,
				to: 2019,
				half: null,
				quarter: 4,
				every: null,
				checkpoints: []
			},
			{
				raw: '',
				kind: 'recurring',
				from: 2025,
				to: 2027,
				half: null,
				quarter: null,
				every: 'quarter',
				checkpoints: []
			},
			{
				raw: '',
				kind: 'checkpoints',
				from: 2019,
				to: 2020,
				half: null,
				quarter: null,
				every: null,
				checkpoints: ['2019', '2020']
			}
		];
		for (const d of cases) expect(fields(parseDeadline(deadlineToText(d)))).toEqual(fields(d));
	});
});

describe('parseDeadline on random and hostile input', () => {
	it('never throws: a deadline of a known kind whose years run forward, or null', () => {
		const words = fc.constantFrom(
			'2026',
			'-',
			'–',
			'жыл',
			'жылдын',
			'год',
			'ж.',
			'2-жарым',
			'I',
			'IV',
			'квартал',
			'сайын',
			'ежегодно',
			' ',
			',',
			';',
			'\n',
			'0',
			'99999',
			'-1'
		);
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.array(words, { maxLength: 8 }).map((w) => w.join(''))
				),
				fc.option(
					fc
						.tuple(fc.integer({ min: 1900, max: 2200 }), fc.nat(20))
						.map(([from, years]) => ({ from, to: from + years })),
					{ nil: undefined }
				),
				(raw, period) => {
					const d = parseDeadline(raw, period);
					if (d === null) return;
					expect(DEADLINE_KINDS).toContain(d.kind);
					if (d.from !== null && d.to !== null) expect(d.from <= d.to).toBe(true);
				}
			),
			{ numRuns: 3000 }
		);
	});
});
