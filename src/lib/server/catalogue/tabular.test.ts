import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import {
	normalizePlanFile,
	type BodyFile,
	type Deadline,
	type FundingSourceFile,
	type PlanFile,
	type PlanMeta
} from './plan-file';
import {
	MAX_ROWS,
	REQUIRED_COLUMNS,
	TEMPLATE_COLUMNS,
	planToCsv,
	planToRows,
	readCsvTable,
	readXlsx,
	rowsToPlan,
	writeXlsx,
	type TemplateColumn
} from './tabular';

// workbooks are read in a worker thread (exceljs loaded afresh each time): slow on a busy machine
vi.setConfig({ testTimeout: 30_000 });

const DATA_DIR = join(process.cwd(), 'src/lib/server/catalogue/data');
const FILES = readdirSync(DATA_DIR)
	.filter((f) => f.endsWith('.json'))
	.map((name) => ({
		name,
		file: JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as PlanFile
	}));

/** Stands in for deadline.ts (written elsewhere): knows every raw the data files store, nothing else. */
const KNOWN_DEADLINES = new Map<string, Deadline>();
for (const { file } of FILES)
	for (const c of file.chapters)
		for (const g of c.goals)
			for (const t of g.tasks)
				for (const m of t.measures) KNOWN_DEADLINES.set(m.deadline.raw, m.deadline);
KNOWN_DEADLINES.set('2026', { raw: '2026', kind: 'year', from: 2026, to: 2026 });
const parseDeadline = (raw: string) => KNOWN_DEADLINES.get(raw) ?? null;

const registriesOf = (file: PlanFile) => ({
	bodies: file.bodies,
	fundingSources: file.fundingSources
});

/** The tree as the template carries it: normalizePlanFile's one spelling of "empty" (TEMPLATE.md, "Round trip"). */
const tree = (file: PlanFile) => normalizePlanFile(file).chapters;

describe('template columns', () => {
	it('has the documented header, every required column in it', () => {
		expect(TEMPLATE_COLUMNS.slice(0, 3)).toEqual([
			'chapter_number',
			'chapter_title_ky',
			'chapter_title_ru'
		]);
		expect(TEMPLATE_COLUMNS.every((c) => /^[a-z_]+$/.test(c))).toBe(true);
		expect(REQUIRED_COLUMNS.every((c) => TEMPLATE_COLUMNS.includes(c))).toBe(true);
		const doc = readFileSync(join(process.cwd(), 'src/lib/server/catalogue/TEMPLATE.md'), 'utf8');
		for (const c of TEMPLATE_COLUMNS) expect(doc).toContain(`\`${c}\``);
	});
});

describe.each(FILES)('round trip of $name', ({ file }) => {
	it('through CSV gives back the same chapters, goals, tasks and measures', () => {
		const { rows, problems: structural } = readCsvTable(planToCsv(file));
		expect(structural).toEqual([]);
		expect(rows[0]!.cells).toEqual([...TEMPLATE_COLUMNS]);
		const { file: back, problems } = rowsToPlan(rows, file.plan, registriesOf(file), parseDeadline);
		expect(problems).toEqual([]);
		expect(back!.chapters).toEqual(tree(file));
		// rowsToPlan already writes the canonical form: normalising its output changes nothing
		expect(back!.chapters).toEqual(tree(back!));
		expect(back!.plan).toBe(file.plan);
	});

	it('through XLSX gives back the same tree and the plan details', async () => {
		const { rows, meta } = await readXlsx(await writeXlsx(file));
		const { file: back, problems } = rowsToPlan(rows, file.plan, registriesOf(file), parseDeadline);
		expect(problems).toEqual([]);
		expect(back!.chapters).toEqual(tree(file));
		const p = file.plan;
		expect(meta).toEqual({
			key: p.key,
			kind: p.kind,
			title: { ky: p.title.ky, ru: p.title.ru || null, en: p.title.en || null },
			periodStart: p.periodStart,
			periodEnd: p.periodEnd,
			status: p.status,
			...(p.act
				? { act: { type: p.act.type, number: p.act.number, date: p.act.date, url: p.act.url } }
				: {}),
			complete: p.complete
		});
	});

	it('keeps only the bodies and funding sources the measures use, in registry order', () => {
		const { file: back } = rowsToPlan(
			planToRows(file).map((cells, i) => ({ line: i + 1, cells })),
			file.plan,
			registriesOf(file),
			parseDeadline
		);
		const measures = back!.chapters.flatMap((c) =>
			c.goals.flatMap((g) => g.tasks.flatMap((t) => t.measures))
		);
		const bodies = new Set(measures.flatMap((m) => m.bodies.map((b) => b.code)));
		const funding = new Set(measures.flatMap((m) => m.funding));
		expect(back!.bodies).toEqual(file.bodies.filter((b) => bodies.has(b.code)));
		expect(back!.fundingSources).toEqual(file.fundingSources.filter((f) => funding.has(f.code)));
	});
});

// ---------------------------------------------------------------- hand-made tables

const META: PlanMeta = {
	key: 'test-plan',
	kind: 'other',
	title: { ky: 'Сыноо планы' },
	periodStart: 2025,
	periodEnd: 2027,
	act: null,
	status: 'draft',
	complete: true,
	replaces: null
};
const BODIES: BodyFile[] = [
	{
		code: 'MLSD',
		abbr: 'ЭСӨМ',
		variants: ['ЭСӨМ', 'ЭСОМ'],
		name: { ky: 'Эмгек министрлиги' },
		kind: 'ministry',
		level: 'national'
	},
	{
		code: 'MIA',
		abbr: 'ИИМ',
		variants: ['ИИМ'],
		name: { ky: 'Ички иштер министрлиги' },
		kind: 'ministry',
		level: 'national'
	},
	{
		code: 'BISHKEK_CITY_HALL',
		abbr: null,
		variants: ['Бишкек жана Ош шаарларынын мэриялары'],
		name: { ky: 'Бишкек мэриясы' },
		kind: 'lsg',
		level: 'local'
	},
	{
		code: 'OSH_CITY_HALL',
		abbr: null,
		variants: ['Бишкек жана Ош шаарларынын мэриялары'],
		name: { ky: 'Ош мэриясы' },
		kind: 'lsg',
		level: 'local'
	},
	{
		code: 'UNDP',
		abbr: 'БУУӨП',
		variants: ['БУУӨП'],
		name: { ky: 'БУУӨП' },
		kind: 'intl',
		level: 'national'
	}
];
const FUNDING: FundingSourceFile[] = [
	{ code: 'republican_budget', name: { ky: 'Республикалык бюджет', ru: 'Республиканский бюджет' } },
	{ code: 'local_budget', name: { ky: 'Жергиликтүү бюджет' } }
];

type Cells = Partial<Record<TemplateColumn, string>>;
const BASE: Cells = { chapter_number: '1', goal_number: '1.1', task_number: '1.1.1' };

/** A table with the given columns (all template columns by default): header on line 1, then one line per row. */
function table(rows: Cells[], columns: readonly string[] = TEMPLATE_COLUMNS) {
	return [
		{ line: 1, cells: [...columns] },
		...rows.map((r, i) => ({
			line: i + 2,
			cells: columns.map((c) => r[c as TemplateColumn] ?? '')
		}))
	];
}
const read = (rows: Cells[], columns?: readonly string[]) =>
	rowsToPlan(
		table(rows, columns),
		META,
		{ bodies: BODIES, fundingSources: FUNDING },
		parseDeadline
	);
const measure = (n: string, extra: Cells = {}): Cells => ({
	...BASE,
	measure_number: n,
	text_ky: `Чара ${n}`,
	...extra
});
const codes = (r: ReturnType<typeof read>) => r.problems.map((p) => [p.line, p.code]);

describe('rowsToPlan reading', () => {
	it('groups rows into chapters, goals and tasks in first-seen order, titles from the first row', () => {
		const { file, problems } = read([
			measure('1.1.1.1', {
				chapter_title_ky: 'Бөлүм',
				goal_title_ky: 'Максат',
				task_title_ky: 'Милдет',
				task_title_ru: 'Задача'
			}),
			{
				chapter_number: '2',
				goal_number: '2.1',
				task_number: '2.1.1',
				task_title_ky: 'Чарасы жок милдет'
			},
			measure('1.1.1.2', { task_title_ky: 'башка аталыш' })
		]);
		expect(problems).toEqual([]);
		expect(file!.chapters.map((c) => c.number)).toEqual(['1', '2']);
		const task = file!.chapters[0]!.goals[0]!.tasks[0]!;
		expect(task.title).toEqual({ ky: 'Милдет', ru: 'Задача' });
		expect(task.measures.map((m) => m.number)).toEqual(['1.1.1.1', '1.1.1.2']);
		expect(file!.chapters[1]!.goals[0]!.tasks[0]).toMatchObject({ number: '2.1.1', measures: [] });
	});

	it('derives ids: nodes by position, measures from plan key and number', () => {
		const { file } = read([
			measure('1'),
			measure('1', { task_number: '1.1.2' }),
			measure('', { text_ky: 'номерсиз' }),
			{
				chapter_number: '2',
				goal_number: '2.1',
				task_number: '2.1.1',
				measure_number: '2',
				measure_id: 'given.id',
				text_ky: 'x'
			}
		]);
		const [c1, c2] = file!.chapters;
		expect([c1!.id, c1!.goals[0]!.id, c1!.goals[0]!.tasks[1]!.id]).toEqual([
			'test-plan.c1',
			'test-plan.c1.g1',
			'test-plan.c1.g1.t2'
		]);
		expect(c1!.goals[0]!.tasks.flatMap((t) => t.measures.map((m) => m.id))).toEqual([
			'test-plan.m1',
			'test-plan.row4',
			'test-plan.m1-b'
		]);
		expect(c2!.goals[0]!.tasks[0]!.measures[0]!.id).toBe('given.id');
	});

	it('reads the list, boolean and multi-line conventions', () => {
		const { file, problems } = read([
			measure('1', {
				bodies: 'MLSD:lead; ЭСОМ:co;ИИМ : by_agreement; Бишкек жана Ош шаарларынын мэриялары:co',
				funding: 'republican_budget; Жергиликтүү бюджет',
				tags: 'pillar:prevention; sdg:5.5',
				indicators_ky: 'Биринчи\nЭкинчи\n',
				indicators_ru: 'Первый\nВторой',
				uncertain: 'Ооба',
				text_ru_unofficial: 'TRUE',
				level: 'Local',
				deadline: '2026',
				source_line: '12'
			})
		]);
		expect(problems).toEqual([]);
		const m = file!.chapters[0]!.goals[0]!.tasks[0]!.measures[0]!;
		expect(m.bodies).toEqual([
			{ code: 'MLSD', role: 'lead' },
			{ code: 'MIA', role: 'by_agreement' },
			{ code: 'BISHKEK_CITY_HALL', role: 'co' },
			{ code: 'OSH_CITY_HALL', role: 'co' }
		]);
		expect(m.funding).toEqual(['republican_budget', 'local_budget']);
		expect(m.tags).toEqual(['pillar:prevention', 'sdg:5.5']);
		expect(m.indicators).toEqual([
			{ ky: 'Биринчи', ru: 'Первый' },
			{ ky: 'Экинчи', ru: 'Второй' }
		]);
		expect([m.uncertain, m.text.ruUnofficial, m.level, m.source.line]).toEqual([
			true,
			true,
			'local',
			12
		]);
		expect(m.deadline).toEqual({
			raw: '2026',
			kind: 'year',
			from: 2026,
			to: 2026,
			half: null,
			quarter: null,
			every: null,
			checkpoints: []
		});
		expect(file!.bodies.map((b) => b.code)).toEqual([
			'MLSD',
			'MIA',
			'BISHKEK_CITY_HALL',
			'OSH_CITY_HALL'
		]);
		expect(file!.fundingSources.map((f) => f.code)).toEqual(['republican_budget', 'local_budget']);
	});

	it('needs only the required columns; a title line above the header is skipped', () => {
		const rows = table([measure('1')], REQUIRED_COLUMNS);
		const { file, problems } = rowsToPlan(
			[{ line: 1, cells: ['Улуттук план'] }, ...rows.map((r) => ({ ...r, line: r.line + 1 }))],
			META,
			{ bodies: [], fundingSources: [] },
			parseDeadline
		);
		expect(problems).toEqual([]);
		const m = file!.chapters[0]!.goals[0]!.tasks[0]!.measures[0];
		expect(m).toMatchObject({
			id: 'test-plan.m1',
			level: 'national',
			uncertain: false,
			bodies: [],
			deadline: { raw: '', kind: 'unknown' },
			source: { file: null, line: null }
		});
	});

	it('reports every problem of every row in one pass, by line and then left to right', () => {
		const r = read([
			measure('1', { level: 'oblast' }),
			measure('2', { uncertain: 'maybe', funding: 'gold' }),
			measure('3')
		]);
		expect(r.file).toBeNull();
		expect(codes(r)).toEqual([
			[2, 'import_bad_level'],
			[3, 'import_unknown_funding'],
			[3, 'import_bad_boolean']
		]);
	});
});

describe('rowsToPlan problems', () => {
	it('import_empty: no rows, or a header without data', () => {
		expect(
			rowsToPlan([], META, { bodies: [], fundingSources: [] }, parseDeadline).problems
		).toEqual([{ line: 1, code: 'import_empty' }]);
		expect(read([]).problems).toEqual([{ line: 1, code: 'import_empty' }]);
		const onlyNotes = [
			{ line: 1, cells: [...REQUIRED_COLUMNS, 'note'] },
			{ line: 2, cells: ['', '', '', '', '', 'бир нерсе'] }
		];
		expect(
			rowsToPlan(onlyNotes, META, { bodies: [], fundingSources: [] }, parseDeadline).problems
		).toEqual([{ line: 1, code: 'import_empty' }]);
	});
	it('import_missing_columns', () => {
		const r = read([measure('1')], ['chapter_number', 'task_number', 'measure_number']);
		expect(r.problems).toEqual([
			{ line: 1, code: 'import_missing_columns', params: { columns: 'goal_number, text_ky' } }
		]);
	});
	it('import_measure_without_task: measure data with no chapter, goal or task', () => {
		const r = read([measure('1'), { measure_number: '2', text_ky: 'жетим' }]);
		expect(r.problems).toEqual([{ line: 3, code: 'import_measure_without_task' }]);
	});
	it('allows levels a plan lacks (placeholder nodes with empty number and title, named by their id)', () => {
		const r = read([
			{ chapter_number: 'I', goal_id: 'p.g', task_id: 'p.t', measure_number: '1', text_ky: 'x' }
		]);
		expect(r.problems).toEqual([]);
		expect(r.file!.chapters[0]!.goals[0]).toMatchObject({
			number: '',
			title: { ky: '' },
			tasks: [{ number: '', measures: [{ number: '1' }] }]
		});
	});
	it('import_duplicate_number: same number in the same task and level', () => {
		const r = read([
			measure('1'),
			measure('1', { level: 'local' }),
			measure('1', { task_number: '1.1.2' }),
			measure('1')
		]);
		expect(r.problems).toEqual([
			{ line: 5, code: 'import_duplicate_number', params: { number: '1', line: 2 } }
		]);
	});
	it('import_duplicate_id', () => {
		const r = read([
			measure('1', { measure_id: 'a' }),
			measure('2', { measure_id: 'b' }),
			measure('3', { measure_id: 'a' })
		]);
		expect(r.problems).toEqual([
			{ line: 4, code: 'import_duplicate_id', params: { value: 'a', line: 2 } }
		]);
	});
	it('import_unknown_body', () => {
		const r = read([measure('1', { bodies: 'MLSD:lead; NOPE:co' })]);
		expect(r.problems).toEqual([
			{ line: 2, code: 'import_unknown_body', params: { value: 'NOPE' } }
		]);
	});
	it('import_bad_role', () => {
		const r = read([
			measure('1', { bodies: 'MLSD:lead' }),
			measure('2', { bodies: 'MLSD:boss; MIA' })
		]);
		expect(r.problems).toEqual([
			{ line: 3, code: 'import_bad_role', params: { value: 'MLSD:boss' } },
			{ line: 3, code: 'import_bad_role', params: { value: 'MIA' } }
		]);
	});
	it('import_bad_role: a role named like a property of every object is no role', () => {
		const r = read([measure('1', { bodies: 'MLSD:constructor; MIA:toString' })]);
		expect(r.problems).toEqual([
			{ line: 2, code: 'import_bad_role', params: { value: 'MLSD:constructor' } },
			{ line: 2, code: 'import_bad_role', params: { value: 'MIA:toString' } }
		]);
	});
	it('import_unknown_funding', () => {
		const r = read([measure('1', { funding: 'republican_budget; oil_fund' })]);
		expect(r.problems).toEqual([
			{ line: 2, code: 'import_unknown_funding', params: { value: 'oil_fund' } }
		]);
	});
	it('import_bad_deadline', () => {
		const r = read([measure('1', { deadline: '2026' }), measure('2', { deadline: 'someday' })]);
		expect(r.problems).toEqual([
			{ line: 3, code: 'import_bad_deadline', params: { value: 'someday' } }
		]);
	});
	it('import_bad_level', () => {
		const r = read([measure('1', { level: 'national' }), measure('2', { level: 'oblast' })]);
		expect(r.problems).toEqual([
			{ line: 3, code: 'import_bad_level', params: { value: 'oblast' } }
		]);
	});
	it('import_bad_boolean', () => {
		const r = read([
			measure('1', { uncertain: 'жок', text_ru_unofficial: 'да' }),
			measure('2', { text_ru_unofficial: 'perhaps' })
		]);
		expect(r.problems).toEqual([
			{
				line: 3,
				code: 'import_bad_boolean',
				params: { column: 'text_ru_unofficial', value: 'perhaps' }
			}
		]);
	});
	it('import_bad_line_number', () => {
		const r = read([
			measure('1', { source_line: '12' }),
			measure('2', { source_line: '12a' }),
			measure('3', { source_line: '0' })
		]);
		expect(codes(r)).toEqual([
			[3, 'import_bad_line_number'],
			[4, 'import_bad_line_number']
		]);
	});
	it('import_text_required', () => {
		const r = read([measure('1'), measure('2', { text_ky: '', text_ru: 'только по-русски' })]);
		expect(r.problems).toEqual([
			{ line: 3, code: 'import_text_required', params: { number: '2' } }
		]);
	});
	it('import_duplicate_of_unknown', () => {
		const r = read([
			measure('1', { measure_id: 'x.1' }),
			measure('2', { duplicate_of: 'x.1' }),
			measure('3', { duplicate_of: 'x.9' })
		]);
		expect(r.problems).toEqual([
			{ line: 4, code: 'import_duplicate_of_unknown', params: { value: 'x.9' } }
		]);
	});
	it('import_too_many_rows', () => {
		const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => measure(String(i + 1)));
		expect(read(rows.slice(0, MAX_ROWS)).problems).toEqual([]);
		expect(read(rows).problems).toEqual([
			{ line: MAX_ROWS + 2, code: 'import_too_many_rows', params: { max: MAX_ROWS } }
		]);
	});
});

describe('XLSX', () => {
	it('writes the measures, plan and bodies sheets with a bold frozen header', async () => {
		const source = FILES.find((f) => f.name === 'nap-gender-2018-2020.json')!.file;
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(new Uint8Array(await writeXlsx(source)).buffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['measures', 'plan', 'bodies']);
		const ws = wb.getWorksheet('measures')!;
		expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(ws.getColumn(TEMPLATE_COLUMNS.indexOf('text_ky') + 1).width).toBeGreaterThan(30);
		expect(wb.getWorksheet('bodies')!.rowCount).toBe(source.bodies.length + 1);
	});

	it('reads the first sheet when there is no "measures" one: numbers, rich text, merged cells', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Лист1');
		ws.addRow([
			'chapter_number',
			'goal_number',
			'task_number',
			'measure_number',
			'text_ky',
			'source_line'
		]);
		ws.addRow([
			1,
			'1.1',
			'1.1.1',
			1.5,
			{ richText: [{ text: 'Бай ' }, { text: 'текст', font: { bold: true } }] },
			12
		]);
		ws.addRow([null, '1.1', '1.1.1', '  2  ', 'Экинчи', null]);
		ws.mergeCells('A2:A3');
		const { rows, meta } = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
		expect(meta).toBeNull();
		expect(rows).toEqual([
			{
				line: 1,
				cells: [
					'chapter_number',
					'goal_number',
					'task_number',
					'measure_number',
					'text_ky',
					'source_line'
				]
			},
			{ line: 2, cells: ['1', '1.1', '1.1.1', '1.5', 'Бай текст', '12'] },
			{ line: 3, cells: ['1', '1.1', '1.1.1', '2', 'Экинчи'] }
		]);
	});

	it('refuses bytes that are not a workbook', async () => {
		await expect(
			readXlsx(new TextEncoder().encode('chapter_number,goal_number\n1,2\n'))
		).rejects.toThrow('import_not_xlsx');
		await expect(readXlsx(new Uint8Array())).rejects.toThrow('import_not_xlsx');
	});
});
