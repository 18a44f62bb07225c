/**
 * The spreadsheet template for national plans (DESIGN.md §2.1): one row per measure with its
 * chapter/goal/task in columns. TEMPLATE.md beside this file documents it for users; the JSON shape
 * it converts to and from is data/FORMAT.md. Pure functions, except the XLSX ones, which only
 * encode and decode bytes (reading in a worker thread).
 */
import ExcelJS from 'exceljs';
import { checkWidths, parseCsv } from '../csv';
import { addXlsxRow, unguardText, writeCsv } from '../sheet';
import { readWorkbookCells, type WorkbookCells } from './workbook-reader';
import { deadlineToText, parseDeadline } from '../../deadline';
import {
	PLAN_FILE_FORMAT,
	type BodyFile,
	type BodyRole,
	type ChapterFile,
	type Deadline,
	type FundingSourceFile,
	type GoalFile,
	type MeasureFile,
	type MeasureLevel,
	type PlanFile,
	type PlanMeta,
	type TaskFile,
	type Texts
} from './plan-file';

/**
 * Header of the template, in order. The last four columns are optional and exist so that an
 * exported plan comes back unchanged (node ids, the "Kyrgyz text is a translation" flag); people
 * writing a new plan leave them empty.
 */
export const TEMPLATE_COLUMNS = [
	'chapter_number',
	'chapter_title_ky',
	'chapter_title_ru',
	'chapter_title_en',
	'goal_number',
	'goal_title_ky',
	'goal_title_ru',
	'goal_title_en',
	'task_number',
	'task_title_ky',
	'task_title_ru',
	'task_title_en',
	'measure_id',
	'measure_number',
	'text_ky',
	'text_ru',
	'text_ru_unofficial',
	'baseline_ky',
	'baseline_ru',
	'indicators_ky',
	'indicators_ru',
	'deadline',
	'expected_result_ky',
	'expected_result_ru',
	'bodies',
	'bodies_raw',
	'funding',
	'funding_raw',
	'level',
	'tags',
	'uncertain',
	'uncertain_note',
	'duplicate_of',
	'duplicate_note',
	'source_file',
	'source_line',
	'text_ky_unofficial',
	'chapter_id',
	'goal_id',
	'task_id',
	'deadline_normalized'
] as const;

export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/** Columns a file must have in its header; any other column may be left out (its cells count as empty). */
export const REQUIRED_COLUMNS: readonly TemplateColumn[] = [
	'chapter_number',
	'goal_number',
	'task_number',
	'measure_number',
	'text_ky'
];

/** More data rows than this is not a plan but a mistake (or an attack): refuse before doing the work. */
export const MAX_ROWS = 20_000;

/** Columns that describe the measure itself: a row with any of them filled is a measure row. */
const MEASURE_COLUMNS: readonly TemplateColumn[] = TEMPLATE_COLUMNS.slice(
	TEMPLATE_COLUMNS.indexOf('measure_id'),
	TEMPLATE_COLUMNS.indexOf('source_line') + 1
).concat(['text_ky_unofficial']);

const LEVEL_COLUMNS = {
	chapter: [
		'chapter_number',
		'chapter_title_ky',
		'chapter_title_ru',
		'chapter_title_en',
		'chapter_id'
	],
	goal: ['goal_number', 'goal_title_ky', 'goal_title_ru', 'goal_title_en', 'goal_id'],
	task: ['task_number', 'task_title_ky', 'task_title_ru', 'task_title_en', 'task_id']
} as const satisfies Record<string, readonly TemplateColumn[]>;

/** Items of a list cell (bodies, funding, tags) are separated by semicolons; this is how we write them. */
const LIST_SEPARATOR = '; ';

export interface TableRow {
	line: number;
	cells: string[];
}

export interface ImportProblem {
	line: number;
	code: string;
	params?: Record<string, string | number>;
}

type Fail = (
	line: number,
	code: string,
	params?: ImportProblem['params'],
	column?: TemplateColumn
) => void;

export type DeadlineParser = (raw: string, period: { from: number; to: number }) => Deadline | null;

// ---------------------------------------------------------------- writing

const yesNo = (b: boolean | undefined | null) => (b ? 'yes' : 'no');
const orEmpty = (s: string | null | undefined) => s ?? '';

/** One table row per measure; a task without measures (incomplete plans) still gets a row, and so do empty goals and chapters. */
export function planToRows(file: PlanFile): string[][] {
	const rows: string[][] = [[...TEMPLATE_COLUMNS]];
	const row = (values: Partial<Record<TemplateColumn, string>>) =>
		rows.push(TEMPLATE_COLUMNS.map((c) => values[c] ?? ''));
	const period = { from: file.plan.periodStart, to: file.plan.periodEnd };
	for (const chapter of file.chapters) {
		const c = nodeCells('chapter', chapter);
		if (chapter.goals.length === 0) row(c);
		for (const goal of chapter.goals) {
			const g = { ...c, ...nodeCells('goal', goal) };
			if (goal.tasks.length === 0) row(g);
			for (const task of goal.tasks) {
				const t = { ...g, ...nodeCells('task', task) };
				if (task.measures.length === 0) row(t);
				for (const measure of task.measures) row({ ...t, ...measureCells(measure, period) });
			}
		}
	}
	return rows;
}

function nodeCells(
	level: 'chapter' | 'goal' | 'task',
	node: { id: string; number: string; title: Texts }
): Partial<Record<TemplateColumn, string>> {
	return {
		[`${level}_number`]: orEmpty(node.number),
		[`${level}_title_ky`]: orEmpty(node.title?.ky),
		[`${level}_title_ru`]: orEmpty(node.title?.ru),
		[`${level}_title_en`]: orEmpty(node.title?.en),
		[`${level}_id`]: orEmpty(node.id)
	};
}

// The data files hold null where the types promise an object (baseline, expectedResult, bodiesRaw),
// so every read below tolerates null.
function measureCells(
	m: MeasureFile,
	period: { from: number; to: number }
): Partial<Record<TemplateColumn, string>> {
	const indicators = m.indicators ?? [];
	return {
		measure_id: m.id,
		measure_number: orEmpty(m.number),
		text_ky: orEmpty(m.text?.ky),
		text_ru: orEmpty(m.text?.ru),
		text_ru_unofficial: yesNo(m.text?.ruUnofficial),
		text_ky_unofficial: yesNo(m.text?.kyUnofficial),
		baseline_ky: orEmpty(m.baseline?.ky),
		baseline_ru: orEmpty(m.baseline?.ru),
		indicators_ky: indicators.map((i) => orEmpty(i.ky)).join('\n'),
		// an all-empty Russian column stays empty instead of a cell of bare line breaks
		indicators_ru: indicators.some((i) => i.ru)
			? indicators.map((i) => orEmpty(i.ru)).join('\n')
			: '',
		deadline: orEmpty(m.deadline?.raw),
		deadline_normalized: normalizedDeadline(m, period),
		expected_result_ky: orEmpty(m.expectedResult?.ky),
		expected_result_ru: orEmpty(m.expectedResult?.ru),
		bodies: (m.bodies ?? []).map((b) => `${b.code}:${b.role}`).join(LIST_SEPARATOR),
		bodies_raw: orEmpty(m.bodiesRaw),
		funding: (m.funding ?? []).join(LIST_SEPARATOR),
		funding_raw: orEmpty(m.fundingRaw),
		level: m.level ?? 'national',
		tags: (m.tags ?? []).join(LIST_SEPARATOR),
		uncertain: yesNo(m.uncertain),
		uncertain_note: orEmpty(m.uncertainNote),
		duplicate_of: orEmpty(m.duplicateOf),
		duplicate_note: orEmpty(m.duplicateNote),
		source_file: orEmpty(m.source?.file),
		source_line: m.source?.line == null ? '' : String(m.source.line)
	};
}

/** The plan as CSV text (with a byte-order mark, so Excel shows Cyrillic), text guarded against formulas; read it back with readCsvTable. */
export function planToCsv(file: PlanFile): string {
	return writeCsv(planToRows(file));
}

/**
 * The deadline as the app understood it, written only where the source's own text does not read
 * back to it (a typo kept as printed), so the file imports to the same deadline.
 */
function normalizedDeadline(m: MeasureFile, period: { from: number; to: number }): string {
	if (!m.deadline || m.deadline.kind === 'unknown') return '';
	const same = (a: Deadline | null, b: Deadline) =>
		!!a &&
		a.kind === b.kind &&
		a.from === (b.from ?? null) &&
		a.to === (b.to ?? null) &&
		(a.half ?? null) === (b.half ?? null) &&
		(a.quarter ?? null) === (b.quarter ?? null) &&
		(a.every ?? null) === (b.every ?? null) &&
		JSON.stringify(a.checkpoints ?? []) === JSON.stringify(b.checkpoints ?? []);
	return same(parseDeadline(m.deadline.raw ?? '', period), m.deadline)
		? ''
		: deadlineToText(m.deadline);
}

// ---------------------------------------------------------------- reading

const TRUE_WORDS = new Set(['yes', 'true', '1', 'да', 'ооба']);
const FALSE_WORDS = new Set(['no', 'false', '0', 'нет', 'жок']);
const ROLES: Record<string, BodyRole> = { lead: 'lead', co: 'co', by_agreement: 'by_agreement' };

/** Header cells and body roles are matched loosely (case, spaces, hyphens), because people retype them. */
const looseKey = (s: string) =>
	s
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');

const splitList = (s: string) =>
	s
		.split(/[;\n]/)
		.map((x) => x.trim())
		.filter((x) => x !== '');

/** Lines of a multi-line cell, trailing blank lines dropped; blank lines inside keep their place (ru pairs with ky by position). */
function cellLines(s: string): string[] {
	const lines = s.split(/\r?\n/).map((x) => x.trim());
	while (lines.length && lines[lines.length - 1] === '') lines.pop();
	return lines;
}

const texts = (ky: string, ru?: string, en?: string): Texts => ({
	ky,
	...(ru ? { ru } : {}),
	...(en ? { en } : {})
});

const EMPTY_DEADLINE: Deadline = {
	raw: '',
	kind: 'unknown',
	from: null,
	to: null,
	half: null,
	quarter: null,
	every: null,
	checkpoints: []
};

/** Looks up a body by code, abbreviation or spelling variant; a collective variant ("Бишкек жана Ош …мэриялары") names several bodies. */
function bodyIndex(bodies: BodyFile[]): (name: string) => BodyFile[] {
	const byCode = new Map<string, BodyFile>();
	const byName = new Map<string, BodyFile[]>();
	const add = (name: string, b: BodyFile) => {
		const key = name.trim().toLowerCase();
		const list = byName.get(key) ?? [];
		if (!list.includes(b)) list.push(b);
		byName.set(key, list);
	};
	for (const b of bodies) {
		byCode.set(b.code.toLowerCase(), b);
		if (b.abbr) add(b.abbr, b);
		for (const v of b.variants ?? []) add(v, b);
	}
	return (name) => {
		const key = name.trim().toLowerCase();
		const code = byCode.get(key);
		return code ? [code] : (byName.get(key) ?? []);
	};
}

function fundingIndex(
	sources: FundingSourceFile[]
): (name: string) => FundingSourceFile | undefined {
	const map = new Map<string, FundingSourceFile>();
	// names after codes, so a code always wins
	for (const f of sources)
		for (const n of [f.name?.ky, f.name?.ru, f.name?.en]) if (n) map.set(n.trim().toLowerCase(), f);
	for (const f of sources) map.set(f.code.toLowerCase(), f);
	return (name) => map.get(name.trim().toLowerCase());
}

/** A chapter, goal or task while the table is read: its children are keyed by number (or title, for unnumbered nodes). */
interface Node {
	line: number;
	/** first line of each measure number per level: plans restart numbering per goal and keep national and local lists apart */
	numbers: Map<string, number>;
	number: string;
	title: Texts;
	givenId: string;
	id: string;
	children: Map<string, Node>;
	measures: { line: number; measure: MeasureFile; givenId: string }[];
}

const newNode = (line: number, number: string, title: Texts, givenId: string): Node => ({
	line,
	numbers: new Map(),
	number,
	title,
	givenId,
	id: '',
	children: new Map(),
	measures: []
});

/** The header is the first row naming a template column, so a title line above it does no harm; the first row when none does. */
export function headerIndex(rows: TableRow[]): number {
	const known = new Set<string>(TEMPLATE_COLUMNS);
	return Math.max(
		rows.findIndex((r) => r.cells.some((c) => known.has(looseKey(c)))),
		0
	);
}

/**
 * Reads a template CSV: parseCsv's rows, those whose width differs from the header's left out and
 * reported, and the formula guard of our own export (sheet.ts) taken off again.
 */
export function readCsvTable(text: string): { rows: TableRow[]; problems: ImportProblem[] } {
	const parsed = parseCsv(text);
	const checked = checkWidths(parsed.rows, headerIndex(parsed.rows));
	return {
		rows: checked.rows.map((r) => ({ line: r.line, cells: r.cells.map(unguardText) })),
		problems: [...parsed.problems, ...checked.problems].sort((a, b) => a.line - b.line)
	};
}

/**
 * Builds a plan from template rows (parseCsv's or readXlsx's) and checks every row, collecting every
 * problem with its line so a dry run can report them all at once. `file` is null whenever there is
 * a problem: an import takes all rows or none.
 */
export function rowsToPlan(
	rows: TableRow[],
	meta: PlanMeta,
	registries: { bodies: BodyFile[]; fundingSources: FundingSourceFile[] },
	parseDeadline: DeadlineParser
): { file: PlanFile | null; problems: ImportProblem[] } {
	const table = readTable(rows);
	if (!('data' in table)) return { file: null, problems: [table] };

	const problems = problemList();
	const reader: MeasureReader = {
		fail: problems.fail,
		findBodies: bodyIndex(registries.bodies),
		findFunding: fundingIndex(registries.fundingSources),
		usedBodies: new Set(),
		usedFunding: new Set(),
		period: { from: meta.periodStart, to: meta.periodEnd },
		parseDeadline
	};
	const root = newNode(0, '', texts(''), '');
	for (const row of table.data) readRow(root, rowCells(table.columnAt, row), reader);

	// rows that name nothing (only unknown columns filled) leave nothing to import
	if (root.children.size === 0 && problems.count() === 0)
		problems.fail(table.header.line, 'import_empty');
	assignIds(root, meta.key, problems.fail);
	checkDuplicateOf(root, problems.fail);

	if (problems.count()) return { file: null, problems: problems.sorted() };
	return {
		file: {
			format: PLAN_FILE_FORMAT,
			plan: meta,
			bodies: registries.bodies.filter((b) => reader.usedBodies.has(b.code)),
			fundingSources: registries.fundingSources.filter((f) => reader.usedFunding.has(f.code)),
			chapters: chaptersOf(root)
		},
		problems: []
	};
}

/** Collects problems and gives them in line order and, within a line, left to right, as a person reads the sheet. */
function problemList(): { fail: Fail; count: () => number; sorted: () => ImportProblem[] } {
	const found: { problem: ImportProblem; column: number }[] = [];
	return {
		fail: (line, code, params, column) =>
			found.push({
				problem: params ? { line, code, params } : { line, code },
				column: column ? TEMPLATE_COLUMNS.indexOf(column) : -1
			}),
		count: () => found.length,
		sorted: () =>
			found
				.sort((a, b) => a.problem.line - b.problem.line || a.column - b.column)
				.map((f) => f.problem)
	};
}

interface Table {
	header: TableRow;
	data: TableRow[];
	/** where each known column is in the header (its first occurrence) */
	columnAt: Map<string, number>;
}

/** Finds the header and the data rows under it, or the one problem that stops the import before any row is read. */
function readTable(rows: TableRow[]): Table | ImportProblem {
	const known = new Set<string>(TEMPLATE_COLUMNS);
	const headerAt = headerIndex(rows);
	const header = rows[headerAt];
	// no header only when there are no rows at all
	if (!header) return { line: 1, code: 'import_empty' };
	const data = rows.slice(headerAt + 1);
	const columnAt = new Map<string, number>();
	header.cells.forEach((c, i) => {
		const key = looseKey(c);
		if (known.has(key) && !columnAt.has(key)) columnAt.set(key, i);
	});
	const missing = REQUIRED_COLUMNS.filter((c) => !columnAt.has(c));
	if (missing.length)
		return {
			line: header.line,
			code: 'import_missing_columns',
			params: { columns: missing.join(', ') }
		};
	if (data.length === 0) return { line: header.line, code: 'import_empty' };
	if (data.length > MAX_ROWS)
		return { line: data[MAX_ROWS]!.line, code: 'import_too_many_rows', params: { max: MAX_ROWS } };
	return { header, data, columnAt };
}

/** One data row, read by column name: `raw` as written, `cell` trimmed; a column the header lacks reads as empty. */
interface RowCells {
	line: number;
	raw: (c: TemplateColumn) => string;
	cell: (c: TemplateColumn) => string;
}

function rowCells(columnAt: Map<string, number>, { line, cells }: TableRow): RowCells {
	const raw = (c: TemplateColumn) => {
		const i = columnAt.get(c);
		return i === undefined ? '' : (cells[i] ?? '');
	};
	return { line, raw, cell: (c) => raw(c).trim() };
}

/** What reading a measure needs besides its row: the registries' look-ups, what the plan uses of them, and where problems go. */
interface MeasureReader {
	fail: Fail;
	findBodies: (name: string) => BodyFile[];
	findFunding: (name: string) => FundingSourceFile | undefined;
	usedBodies: Set<string>;
	usedFunding: Set<string>;
	period: { from: number; to: number };
	parseDeadline: DeadlineParser;
}

const LEVELS = ['chapter', 'goal', 'task'] as const;

/** Files one row into the tree: its chapter, goal and task (created on first sight) and its measure, if it has one. */
function readRow(root: Node, row: RowCells, reader: MeasureReader) {
	const { line, cell } = row;
	const isMeasure = MEASURE_COLUMNS.some((c) => cell(c) !== '');
	const [chapter, goal, task] = LEVELS.map((level) =>
		LEVEL_COLUMNS[level].some((c) => cell(c) !== '')
	);
	// a measure must name its chapter, goal and task (by number, title or id); a level the plan lacks is named by its id
	if (isMeasure && (!chapter || !goal || !task)) {
		reader.fail(line, 'import_measure_without_task');
		return;
	}
	if (!chapter && !goal && !task) return;

	// A row without a measure creates nodes only down to the deepest level it names, so an empty
	// goal or chapter survives a round trip.
	const deepest = isMeasure || task ? 3 : goal ? 2 : 1;
	const node = placeRow(root, row, deepest);
	if (isMeasure) node.measures.push(readMeasure(row, node, reader));
}

/**
 * Finds (or creates) the row's node at each level down to `deepest` and returns the last. A node
 * is keyed by its number, else its title, else its id; levels a plan lacks are empty on every row
 * and become one placeholder node (FORMAT.md).
 */
function placeRow(root: Node, { line, cell }: RowCells, deepest: number): Node {
	let parent = root;
	for (const level of LEVELS.slice(0, deepest)) {
		const number = cell(`${level}_number`);
		const title = texts(
			cell(`${level}_title_ky`),
			cell(`${level}_title_ru`),
			cell(`${level}_title_en`)
		);
		const givenId = cell(`${level}_id`);
		const name = title.ky || title.ru || title.en;
		const key = number ? `n:${number}` : name ? `t:${name}` : givenId ? `i:${givenId}` : '';
		let node = parent.children.get(key);
		if (!node) parent.children.set(key, (node = newNode(line, number, title, givenId)));
		parent = node;
	}
	return parent;
}

/** A measure row's fields, each checked; its id is given later (assignIds). */
function readMeasure(row: RowCells, task: Node, reader: MeasureReader): Node['measures'][number] {
	const { line, raw, cell } = row;
	const { fail } = reader;
	const number = cell('measure_number');
	const textKy = cell('text_ky');
	if (!textKy) fail(line, 'import_text_required', number ? { number } : undefined, 'text_ky');
	const level = readLevel(row, fail);
	if (number) checkNumber(task, `${level}:${number}`, number, line, fail);
	const bodies = readBodies(row, reader);
	const funding = readFunding(row, reader);
	const deadline = readDeadline(row, reader);
	const sourceLine = readSourceLine(row, fail);
	const indicators = readIndicators(raw('indicators_ky'), raw('indicators_ru'));
	const bool = (c: TemplateColumn) => readBool(row, c, fail);
	const ru = cell('text_ru');
	const measure: MeasureFile = {
		id: '',
		number,
		text: {
			ky: textKy,
			...(ru ? { ru } : {}),
			ruUnofficial: bool('text_ru_unofficial'),
			kyUnofficial: bool('text_ky_unofficial')
		},
		baseline: texts(cell('baseline_ky'), cell('baseline_ru')),
		indicators,
		deadline,
		expectedResult: texts(cell('expected_result_ky'), cell('expected_result_ru')),
		bodies,
		bodiesRaw: cell('bodies_raw'),
		funding,
		fundingRaw: cell('funding_raw'),
		level,
		tags: splitList(cell('tags')),
		uncertain: bool('uncertain'),
		uncertainNote: cell('uncertain_note') || null,
		duplicateOf: cell('duplicate_of') || null,
		duplicateNote: cell('duplicate_note') || null,
		source: { file: cell('source_file') || null, line: sourceLine }
	};
	return { line, measure, givenId: cell('measure_id') };
}

function readBool({ line, cell }: RowCells, c: TemplateColumn, fail: Fail): boolean {
	const v = cell(c).toLowerCase();
	if (v === '' || FALSE_WORDS.has(v)) return false;
	if (TRUE_WORDS.has(v)) return true;
	fail(line, 'import_bad_boolean', { column: c, value: cell(c) }, c);
	return false;
}

function readLevel({ line, cell }: RowCells, fail: Fail): MeasureLevel {
	const value = cell('level').toLowerCase();
	if (value === 'local') return 'local';
	if (value !== '' && value !== 'national')
		fail(line, 'import_bad_level', { value: cell('level') }, 'level');
	return 'national';
}

/** A measure number appears once per task and level: plans restart numbering per goal and keep national and local lists apart. */
function checkNumber(task: Node, key: string, number: string, line: number, fail: Fail) {
	const first = task.numbers.get(key);
	if (first !== undefined)
		fail(line, 'import_duplicate_number', { number, line: first }, 'measure_number');
	else task.numbers.set(key, line);
}

/** `bodies` lists `name:role` items; a name may stand for several bodies (bodyIndex). */
function readBodies({ line, cell }: RowCells, reader: MeasureReader): MeasureFile['bodies'] {
	const bodies: MeasureFile['bodies'] = [];
	for (const item of splitList(cell('bodies'))) {
		const colon = item.lastIndexOf(':');
		const name = colon < 0 ? item : item.slice(0, colon).trim();
		const key = colon < 0 ? '' : looseKey(item.slice(colon + 1));
		// own keys only: "x:constructor" must not find Object.prototype's
		const role = Object.hasOwn(ROLES, key) ? ROLES[key] : undefined;
		if (!role) reader.fail(line, 'import_bad_role', { value: item }, 'bodies');
		const matches = reader.findBodies(name);
		if (matches.length === 0) reader.fail(line, 'import_unknown_body', { value: name }, 'bodies');
		for (const b of matches) {
			reader.usedBodies.add(b.code);
			// a body named twice (code and abbreviation) keeps its first role: one role per body and measure
			if (role && !bodies.some((x) => x.code === b.code)) bodies.push({ code: b.code, role });
		}
	}
	return bodies;
}

function readFunding({ line, cell }: RowCells, reader: MeasureReader): string[] {
	const funding: string[] = [];
	for (const item of splitList(cell('funding'))) {
		const f = reader.findFunding(item);
		if (!f) reader.fail(line, 'import_unknown_funding', { value: item }, 'funding');
		else if (!funding.includes(f.code)) {
			funding.push(f.code);
			reader.usedFunding.add(f.code);
		}
	}
	return funding;
}

/** The source's text is kept as printed; where it cannot be read, the normalized column says what it means. */
function readDeadline({ line, cell }: RowCells, reader: MeasureReader): Deadline {
	const raw = cell('deadline');
	const normalized = cell('deadline_normalized');
	if (!raw && !normalized) return EMPTY_DEADLINE;
	const parsed =
		(raw ? reader.parseDeadline(raw, reader.period) : null) ??
		(normalized ? reader.parseDeadline(normalized, reader.period) : null);
	if (!parsed) {
		reader.fail(line, 'import_bad_deadline', { value: raw || normalized }, 'deadline');
		return EMPTY_DEADLINE;
	}
	return {
		raw,
		kind: parsed.kind,
		from: parsed.from ?? null,
		to: parsed.to ?? null,
		half: parsed.half ?? null,
		quarter: parsed.quarter ?? null,
		every: parsed.every ?? null,
		checkpoints: parsed.checkpoints ?? []
	};
}

function readSourceLine({ line, cell }: RowCells, fail: Fail): number | null {
	const value = cell('source_line');
	if (!value) return null;
	if (/^\d{1,9}$/.test(value) && Number(value) > 0) return Number(value);
	fail(line, 'import_bad_line_number', { value }, 'source_line');
	return null;
}

/** Indicators pair Kyrgyz and Russian lines by position; a position empty in both is dropped. */
function readIndicators(ky: string, ru: string): Texts[] {
	const kyLines = cellLines(ky);
	const ruLines = cellLines(ru);
	const indicators: Texts[] = [];
	for (let i = 0; i < Math.max(kyLines.length, ruLines.length); i++)
		if (kyLines[i] || ruLines[i]) indicators.push(texts(kyLines[i] ?? '', ruLines[i]));
	return indicators;
}

/** `duplicate_of` must name a measure of the same plan. */
function checkDuplicateOf(root: Node, fail: Fail) {
	const measureIds = new Set<string>();
	forEachMeasure(root, (m) => measureIds.add(m.measure.id));
	forEachMeasure(root, ({ line, measure }) => {
		if (measure.duplicateOf && !measureIds.has(measure.duplicateOf))
			fail(line, 'import_duplicate_of_unknown', { value: measure.duplicateOf }, 'duplicate_of');
	});
}

/** The tree read from the table, in the plan file's shape. */
function chaptersOf(root: Node): ChapterFile[] {
	return [...root.children.values()].map((c) => ({
		id: c.id,
		number: c.number,
		title: c.title,
		goals: [...c.children.values()].map((g): GoalFile => ({
			id: g.id,
			number: g.number,
			title: g.title,
			tasks: [...g.children.values()].map((t): TaskFile => ({
				id: t.id,
				number: t.number,
				title: t.title,
				measures: t.measures.map((m) => m.measure)
			}))
		}))
	}));
}

function forEachMeasure(root: Node, fn: (m: Node['measures'][number]) => void) {
	for (const c of root.children.values())
		for (const g of c.children.values())
			for (const t of g.children.values()) t.measures.forEach(fn);
}

/**
 * Gives every node and measure its stable id. Ids written in the table are kept (and must be unique
 * across the plan, as plan_node.stable_id is); missing ones are derived — nodes by position
 * (`key.c1.g2.t1`), measures from the plan key and number (`key.m1.2.3`, `-b`, `-c` … when a number
 * repeats, `key.row<line>` when there is no number) — skipping any id already taken.
 */
function assignIds(root: Node, planKey: string, fail: Fail) {
	const taken = new Map<string, number>();
	const claim = (id: string, line: number, column: TemplateColumn) => {
		const first = taken.get(id);
		if (first !== undefined) fail(line, 'import_duplicate_id', { value: id, line: first }, column);
		else taken.set(id, line);
	};
	// first the given ids, in table order, so derived ones can avoid them
	const nodes: Node[] = [];
	const items: { line: number; givenId: string; column: TemplateColumn }[] = [];
	const ID_COLUMNS = ['chapter_id', 'goal_id', 'task_id'] as const;
	const walk = (n: Node, depth: number) => {
		// none at depth 0: the root is the plan, which has no id column
		const column = ID_COLUMNS[depth - 1];
		if (column) {
			nodes.push(n);
			items.push({ line: n.line, givenId: n.givenId, column });
		}
		if (depth < 3) for (const child of n.children.values()) walk(child, depth + 1);
	};
	walk(root, 0);
	for (const m of nodes.flatMap((n) => n.measures))
		items.push({ line: m.line, givenId: m.givenId, column: 'measure_id' });
	items.sort(
		(x, y) =>
			x.line - y.line || TEMPLATE_COLUMNS.indexOf(x.column) - TEMPLATE_COLUMNS.indexOf(y.column)
	);
	for (const item of items) if (item.givenId) claim(item.givenId, item.line, item.column);

	const unique = (base: string) => {
		let id = base;
		for (let i = 1; taken.has(id); i++)
			id = `${base}-${i < 26 ? String.fromCharCode(97 + i) : i + 1}`;
		taken.set(id, 0);
		return id;
	};
	const name = (n: Node, base: string) => (n.id = n.givenId || unique(base));
	[...root.children.values()].forEach((c, ci) => {
		name(c, `${planKey}.c${ci + 1}`);
		[...c.children.values()].forEach((g, gi) => {
			name(g, `${c.id}.g${gi + 1}`);
			[...g.children.values()].forEach((t, ti) => name(t, `${g.id}.t${ti + 1}`));
		});
	});
	for (const n of nodes)
		for (const m of n.measures)
			m.measure.id =
				m.givenId ||
				unique(m.measure.number ? `${planKey}.m${m.measure.number}` : `${planKey}.row${m.line}`);
}

// ---------------------------------------------------------------- XLSX

/** Widths (in characters) and wrapping per column: numbers narrow, texts wide and wrapped. */
function columnLayout(c: TemplateColumn): { width: number; wrap: boolean } {
	if (/_number$|^level$|_unofficial$|^uncertain$|^source_line$/.test(c))
		return { width: 10, wrap: false };
	if (/_id$|^duplicate_of$|^source_file$/.test(c)) return { width: 16, wrap: false };
	if (/^(text|indicators|expected_result|baseline)_/.test(c)) return { width: 50, wrap: true };
	if (/_title_/.test(c)) return { width: 32, wrap: true };
	return { width: 24, wrap: true };
}

const PLAN_SHEET_KEYS = [
	'key',
	'kind',
	'title_ky',
	'title_ru',
	'title_en',
	'period_start',
	'period_end',
	'status',
	'act_type',
	'act_number',
	'act_date',
	'act_url',
	'complete'
] as const;

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
const sheetName = (s: string) =>
	s
		.replace(/[[\]:*?/\\]/g, ' ')
		.slice(0, 31)
		.trim() || 'measures';

/** The plan as an XLSX workbook: the template table, the plan's details and the bodies it names. */
export async function writeXlsx(
	file: PlanFile,
	options: { sheetName?: string } = {}
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Aiyl Plan';
	addMeasuresSheet(wb, file, sheetName(options.sheetName ?? 'measures'));
	addPlanSheet(wb, file.plan);
	addBodiesSheet(wb, file.bodies);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

function addMeasuresSheet(wb: ExcelJS.Workbook, file: PlanFile, name: string) {
	const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = TEMPLATE_COLUMNS.map((c) => {
		const { width, wrap } = columnLayout(c);
		return { header: c, key: c, width, style: { alignment: { vertical: 'top', wrapText: wrap } } };
	});
	// every value goes in as a string, so Excel never turns 1.10 into 1.1 or a number into a date
	for (const row of planToRows(file).slice(1)) addXlsxRow(ws, row);
	const head = ws.getRow(1);
	head.font = { bold: true };
	head.alignment = { vertical: 'top', wrapText: false };
	ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: TEMPLATE_COLUMNS.length } };
}

function addPlanSheet(wb: ExcelJS.Workbook, p: PlanMeta) {
	const plan = wb.addWorksheet('plan', { views: [{ state: 'frozen', ySplit: 1 }] });
	plan.columns = [
		{ header: 'field', key: 'field', width: 14 },
		{
			header: 'value',
			key: 'value',
			width: 90,
			style: { alignment: { wrapText: true, vertical: 'top' } }
		}
	];
	const values: Record<(typeof PLAN_SHEET_KEYS)[number], string | number> = {
		key: p.key,
		kind: p.kind,
		title_ky: orEmpty(p.title?.ky),
		title_ru: orEmpty(p.title?.ru),
		title_en: orEmpty(p.title?.en),
		period_start: p.periodStart,
		period_end: p.periodEnd,
		status: p.status,
		act_type: orEmpty(p.act?.type),
		act_number: orEmpty(p.act?.number),
		act_date: orEmpty(p.act?.date),
		act_url: orEmpty(p.act?.url),
		complete: yesNo(p.complete)
	};
	for (const k of PLAN_SHEET_KEYS) addXlsxRow(plan, [k, values[k]]);
	plan.getRow(1).font = { bold: true };
}

function addBodiesSheet(wb: ExcelJS.Workbook, list: BodyFile[]) {
	const bodies = wb.addWorksheet('bodies', { views: [{ state: 'frozen', ySplit: 1 }] });
	bodies.columns = [
		{ header: 'code', key: 'code', width: 22 },
		{ header: 'abbr', key: 'abbr', width: 18 },
		{ header: 'name_ky', key: 'name_ky', width: 50 },
		{ header: 'name_ru', key: 'name_ru', width: 50 },
		{ header: 'name_en', key: 'name_en', width: 50 },
		{ header: 'kind', key: 'kind', width: 12 },
		{ header: 'level', key: 'level', width: 10 }
	];
	for (const b of list)
		addXlsxRow(bodies, [
			b.code,
			orEmpty(b.abbr),
			orEmpty(b.name?.ky),
			orEmpty(b.name?.ru),
			orEmpty(b.name?.en),
			b.kind,
			b.level
		]);
	bodies.getRow(1).font = { bold: true };
}

/** Trims a cell but keeps leading line breaks: in an indicators cell an empty first line is a position. */
const trimCell = (s: string) => s.replace(/^[^\S\n]+/, '').trimEnd();

/**
 * Reads an uploaded workbook (in a worker thread: workbook-reader.ts): the "measures" sheet (or the
 * first one) as rows shaped like parseCsv's, with the Excel row numbers as lines, and the "plan"
 * sheet, when there is one, as the plan's details. Values are not validated here; rowsToPlan and
 * the import check them.
 */
export async function readXlsx(
	bytes: Uint8Array
): Promise<{ rows: TableRow[]; meta: Partial<PlanMeta> | null }> {
	let read: WorkbookCells;
	try {
		read = await readWorkbookCells(bytes);
	} catch {
		throw new Error('import_not_xlsx');
	}
	const rows: TableRow[] = [];
	for (const { line, cells } of read.rows) {
		const trimmed = cells.map(trimCell);
		if (trimmed.some((c) => c !== '')) rows.push({ line, cells: trimmed });
	}
	return { rows, meta: readPlanSheet(read.plan) };
}

function readPlanSheet(fields: [string, string][] | null): Partial<PlanMeta> | null {
	if (!fields) return null;
	const v = new Map<string, string>();
	for (const [field, value] of fields) {
		const key = looseKey(field);
		if ((PLAN_SHEET_KEYS as readonly string[]).includes(key) && !v.has(key))
			v.set(key, value.trim());
	}
	if (v.size === 0) return null;
	const meta: Partial<PlanMeta> = {};
	const get = (k: (typeof PLAN_SHEET_KEYS)[number]) => v.get(k) ?? '';
	if (get('key')) meta.key = get('key');
	if (get('kind')) meta.kind = get('kind') as PlanMeta['kind'];
	if (get('title_ky') || get('title_ru') || get('title_en'))
		meta.title = { ky: get('title_ky'), ru: get('title_ru') || null, en: get('title_en') || null };
	if (get('period_start')) meta.periodStart = Number(get('period_start'));
	if (get('period_end')) meta.periodEnd = Number(get('period_end'));
	if (get('status')) meta.status = get('status') as PlanMeta['status'];
	if (get('act_type') || get('act_number') || get('act_date') || get('act_url')) {
		meta.act = {
			type: get('act_type') || 'other',
			number: get('act_number') || null,
			date: get('act_date') || null,
			url: get('act_url') || null
		};
	}
	const complete = get('complete').toLowerCase();
	if (TRUE_WORDS.has(complete)) meta.complete = true;
	else if (FALSE_WORDS.has(complete)) meta.complete = false;
	return meta;
}
