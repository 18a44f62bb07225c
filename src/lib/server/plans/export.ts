/**
 * A local plan as a spreadsheet (DESIGN.md §2.2–2.3, §2.5): the action table in the layout of the
 * national plans, its budget lines, the gender budget summary and every indicator figure, as one
 * XLSX workbook, and the action table alone as CSV. The tables are built once in action-table.ts
 * and summary-table.ts; this file only writes them. Pure: a `PlanView` in, bytes or text out.
 *
 * Money stays exact: every sum is taken in integer tyiyn, and only the finished figure becomes a
 * spreadsheet number (XLSX) or a "1250000.00" string (CSV). Indicator figures are numbers in the
 * XLSX and written as officials write them in text (no trailing zeros, the decimal comma in ky/ru).
 */
import ExcelJS from 'exceljs';
import { m } from '../../paraglide/messages';
import { addXlsxRow, writeCsv, type SheetCell } from '../sheet';
import { formatShare } from '../../format';
import { markedWording, wordingOf } from '../../plans/wording';
import {
	actionTable,
	activityNo,
	columnOf,
	fromTyiyn,
	indicatorTable,
	markerLegend,
	numberText,
	orderedLines,
	orderedSections,
	sourceLabel,
	toTyiyn,
	type Cell,
	type ColumnId,
	type DocLocale
} from './action-table';
import { summaryTable, type SummaryRow } from './summary-table';
import type { PlanView } from './types';

export type ExportLocale = DocLocale;

/** The spreadsheet number of an exact amount: the double nearest to it, made once from the exact value. */
const tyiynToNumber = (t: bigint): number => Number(fromTyiyn(t));

/** The columns of the action table in the spreadsheet, in the national plans' order. */
function planColumns(years: number[]): ColumnId[] {
	return [
		'no',
		'measure',
		'activity',
		'baseline',
		'indicator',
		'deadline',
		'expectedResult',
		'responsible',
		'partners',
		'targetGroups',
		...years.map((y): ColumnId => `year:${y}`),
		'total',
		'genderTotal',
		'markers',
		'sources'
	];
}

const listText = (c: Extract<Cell, { type: 'list' }>) => c.items.map((i) => i ?? '—').join('\n');

// ── CSV ──────────────────────────────────────────────────────────────────────

/** A model cell as CSV text (sheet.ts's writeCsv guards it): amounts "1250000.00", figures as officials write them. */
function csvCell(c: Cell | undefined, locale: DocLocale): string {
	if (!c) return '';
	switch (c.type) {
		case 'text':
			return c.text;
		case 'list':
			return listText(c);
		case 'money':
			return fromTyiyn(toTyiyn(c.value));
		case 'share':
			return formatShare(c.value, locale);
		case 'number':
			return numberText(c.value, locale);
	}
}

/** The action table (header, section rows, activity rows, total row) as CSV; amounts as "1250000.00", text guarded by writeCsv. */
export function planToCsv(view: PlanView, locale: ExportLocale): string {
	const table = actionTable(view, locale);
	const ids = planColumns(table.years);
	const rows: string[][] = [ids.map((id) => columnOf(table, id).label)];
	for (const s of table.sections) {
		rows.push([s.no, s.title, ...ids.slice(2).map(() => '')]);
		for (const r of s.rows) rows.push(ids.map((id) => csvCell(r.cells[id], locale)));
	}
	rows.push(ids.map((id, i) => (i === 0 ? table.totalLabel : csvCell(table.totals[id], locale))));
	return writeCsv(rows);
}

// ── XLSX ─────────────────────────────────────────────────────────────────────

/** Excel shows this with the reader's own separators: "1 250 000,00" in a ky/ru Windows. */
export const MONEY_FORMAT = '#,##0.00';
const SHARE_FORMAT = '0.0';

const sheetName = (s: string) =>
	s
		.replace(/[[\]:*?/\\]/g, ' ')
		.slice(0, 31)
		.trim();

const THIN: Partial<ExcelJS.Borders> = {
	top: { style: 'thin' },
	left: { style: 'thin' },
	bottom: { style: 'thin' },
	right: { style: 'thin' }
};
const SECTION_FILL: ExcelJS.Fill = {
	type: 'pattern',
	pattern: 'solid',
	fgColor: { argb: 'FFE8EEF4' }
};
const HEADER_FILL: ExcelJS.Fill = {
	type: 'pattern',
	pattern: 'solid',
	fgColor: { argb: 'FFD9E2EC' }
};

/** Headers and footers treat "&" as a code. */
const headerText = (s: string) => s.replace(/&/g, '&&');

function municipalityName(view: PlanView, locale: ExportLocale): string {
	const t = view.plan.municipality;
	return { ky: t.nameKy, ru: t.nameRu || t.nameKy, en: t.nameEn || t.nameRu || t.nameKy }[locale];
}

function setupPrint(ws: ExcelJS.Worksheet, view: PlanView, locale: ExportLocale) {
	ws.pageSetup = {
		...ws.pageSetup,
		paperSize: 9,
		orientation: 'landscape',
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0,
		printTitlesRow: '1:1'
	};
	ws.headerFooter = {
		...ws.headerFooter,
		oddHeader: `&C${headerText(markedWording(wordingOf(view.plan), locale))}`,
		oddFooter: '&C&P / &N'
	};
}

function styleHeader(row: ExcelJS.Row, width: number) {
	row.font = { bold: true };
	for (let c = 1; c <= width; c++) {
		const cell = row.getCell(c);
		cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
		cell.fill = HEADER_FILL;
		cell.border = THIN;
	}
}

function borderRow(row: ExcelJS.Row, width: number) {
	for (let c = 1; c <= width; c++) row.getCell(c).border = THIN;
}

/** Every row of the workbook goes through sheet.ts: text as string cells, numbers as number cells, never a formula. */
const addRow = (ws: ExcelJS.Worksheet, values: SheetCell[]): ExcelJS.Row => addXlsxRow(ws, values);

/** A model cell as a spreadsheet value: money and figures as numbers, lists one item a line. */
function xlsxValue(c: Cell | undefined): string | number {
	if (!c) return '';
	switch (c.type) {
		case 'text':
			return c.text;
		case 'list':
			return listText(c);
		case 'money':
			return tyiynToNumber(toTyiyn(c.value));
		case 'share':
		case 'number':
			return Number(c.value);
	}
}

/** Writes a row of model cells; money gets the money format, shares one decimal, figures Excel's own. */
function addCells(ws: ExcelJS.Worksheet, cells: (Cell | undefined)[]): ExcelJS.Row {
	const row = addRow(ws, cells.map(xlsxValue));
	cells.forEach((c, i) => {
		if (c?.type === 'money') row.getCell(i + 1).numFmt = MONEY_FORMAT;
		if (c?.type === 'share') row.getCell(i + 1).numFmt = SHARE_FORMAT;
	});
	return row;
}

const PLAN_WIDTHS: Partial<Record<ColumnId, number>> = {
	no: 7,
	measure: 16,
	activity: 40,
	baseline: 22,
	indicator: 32,
	deadline: 20,
	expectedResult: 28,
	responsible: 24,
	partners: 22,
	targetGroups: 20,
	total: 16,
	genderTotal: 16,
	markers: 10,
	sources: 26
};

function addPlanSheet(wb: ExcelJS.Workbook, view: PlanView, locale: ExportLocale) {
	const table = actionTable(view, locale);
	const ids = planColumns(table.years);
	const width = ids.length;
	const firstMoney = ids.findIndex((id) => columnOf(table, id).money);
	const ws = wb.addWorksheet(sheetName(m.doc_sheet_plan({}, { locale })), {
		views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }]
	});
	ws.columns = ids.map((id, i) => ({
		width: PLAN_WIDTHS[id] ?? 15,
		style: {
			alignment: {
				vertical: 'top',
				wrapText: true,
				horizontal: i === 0 ? 'center' : columnOf(table, id).money ? 'right' : 'left'
			}
		}
	}));
	styleHeader(
		addRow(
			ws,
			ids.map((id) => columnOf(table, id).label)
		),
		width
	);
	for (const s of table.sections) {
		const row = addRow(ws, [s.no, s.title]);
		borderRow(row, width);
		row.font = { bold: true };
		for (let c = 1; c <= width; c++) row.getCell(c).fill = SECTION_FILL;
		ws.mergeCells(row.number, 2, row.number, width);
		for (const r of s.rows)
			borderRow(
				addCells(
					ws,
					ids.map((id) => r.cells[id])
				),
				width
			);
	}
	const total = addCells(
		ws,
		ids.map((id, i) => (i === 0 ? { type: 'text', text: table.totalLabel } : table.totals[id]))
	);
	borderRow(total, width);
	total.font = { bold: true };
	ws.mergeCells(total.number, 1, total.number, firstMoney);
	setupPrint(ws, view, locale);
}

const BUDGET_MONEY_COLUMNS = new Set([4, 10]);

function addBudgetSheet(wb: ExcelJS.Workbook, view: PlanView, locale: ExportLocale) {
	const o = { locale };
	const ws = wb.addWorksheet(sheetName(m.doc_sheet_budget({}, o)), {
		views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }]
	});
	const header = [
		m.doc_col_no({}, o),
		m.doc_col_activity({}, o),
		m.doc_budget_year({}, o),
		m.doc_budget_amount({}, o),
		m.doc_col_sources({}, o),
		m.doc_budget_donor({}, o),
		m.doc_budget_classification_code({}, o),
		m.doc_col_markers({}, o),
		m.doc_budget_gender_share({}, o),
		m.doc_budget_gender_amount({}, o),
		m.doc_budget_justification({}, o),
		m.doc_budget_women({}, o),
		m.doc_budget_men({}, o),
		m.doc_budget_girls({}, o),
		m.doc_budget_boys({}, o)
	];
	const widths = [7, 40, 8, 16, 26, 20, 18, 11, 11, 16, 40, 12, 12, 12, 12];
	ws.columns = widths.map((width) => ({
		width,
		style: { alignment: { vertical: 'top', wrapText: true } }
	}));
	styleHeader(addRow(ws, header), header.length);
	let amount = 0n;
	let gender = 0n;
	for (const { section, activities } of orderedSections(view)) {
		for (const a of activities) {
			for (const line of orderedLines(a)) {
				const t = toTyiyn(line.amount);
				const g = toTyiyn(line.genderAmount);
				amount += t;
				gender += g;
				const row = addRow(ws, [
					activityNo(section, a),
					markedWording(wordingOf(a), locale),
					line.year,
					tyiynToNumber(t),
					sourceLabel(line.source, locale),
					line.donorName,
					line.classificationCode,
					line.marker,
					Number(line.genderShare),
					tyiynToNumber(g),
					line.justification,
					line.beneficiariesWomen,
					line.beneficiariesMen,
					line.beneficiariesGirls,
					line.beneficiariesBoys
				]);
				for (const c of BUDGET_MONEY_COLUMNS) row.getCell(c).numFmt = MONEY_FORMAT;
				row.getCell(9).numFmt = '0.##';
				borderRow(row, header.length);
			}
		}
	}
	const lastData = ws.rowCount;
	ws.autoFilter = {
		from: { row: 1, column: 1 },
		to: { row: Math.max(lastData, 2), column: header.length }
	};
	const total = addRow(ws, [
		m.doc_total_row({}, o),
		'',
		'',
		tyiynToNumber(amount),
		'',
		'',
		'',
		'',
		'',
		tyiynToNumber(gender)
	]);
	total.font = { bold: true };
	for (const c of BUDGET_MONEY_COLUMNS) total.getCell(c).numFmt = MONEY_FORMAT;
	borderRow(total, header.length);
	setupPrint(ws, view, locale);
}

function addSummarySheet(wb: ExcelJS.Workbook, view: PlanView, locale: ExportLocale) {
	const table = summaryTable(view, locale);
	const width = table.head.length;
	const ws = wb.addWorksheet(sheetName(m.doc_sheet_summary({}, { locale })));
	ws.columns = [{ width: 58 }, ...table.head.slice(1).map(() => ({ width: 17 }))];

	const title = addRow(ws, [markedWording(wordingOf(view.plan), locale)]);
	title.font = { bold: true, size: 13 };
	addRow(ws, [
		`${municipalityName(view, locale)}, ${view.plan.periodStart}–${view.plan.periodEnd}`
	]);
	addRow(ws, []);
	const head = addRow(ws, table.head);
	styleHeader(head, width);
	ws.views = [{ state: 'frozen', ySplit: head.number, xSplit: 1 }];

	const heading = (text: string) => {
		const row = addRow(ws, [text]);
		row.font = { bold: true };
		for (let c = 1; c <= width; c++) {
			row.getCell(c).fill = SECTION_FILL;
			row.getCell(c).border = THIN;
		}
		return row;
	};
	const figures = (r: SummaryRow) => {
		const row = addCells(ws, [{ type: 'text', text: r.label }, ...r.cells]);
		for (let c = 2; c <= width; c++) row.getCell(c).alignment = { horizontal: 'right' };
		r.alert?.forEach((on, i) => {
			if (on) row.getCell(i + 2).font = { bold: true, color: { argb: 'FFC00000' } };
		});
		if (r.strong) row.font = { bold: true };
		borderRow(row, width);
	};

	heading(table.budget.heading);
	table.budget.rows.forEach(figures);
	addRow(ws, []);
	heading(table.byPlan.heading);
	table.byPlan.rows.forEach(figures);
	if (table.byPillar.rows.length) {
		addRow(ws, []);
		heading(table.byPillar.heading);
		table.byPillar.rows.forEach(figures);
	}

	addRow(ws, []);
	const countHead = heading(table.counts.heading);
	countHead.getCell(2).value = table.counts.countLabel;
	for (const c of table.counts.rows) borderRow(addRow(ws, [c.label, c.count]), 2);
	const all = addRow(ws, [table.counts.total.label, table.counts.total.count]);
	all.font = { bold: true };
	borderRow(all, 2);

	addRow(ws, []);
	for (const text of [m.doc_marker_note({}, { locale }), markerLegend(locale)]) {
		const row = addRow(ws, [text]);
		ws.mergeCells(row.number, 1, row.number, width);
		row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
		row.getCell(1).font = { italic: true };
		row.height = Math.max(30, Math.ceil(text.length / 90) * 15);
	}
	ws.pageSetup = {
		...ws.pageSetup,
		paperSize: 9,
		orientation: 'portrait',
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0
	};
}

/** Every indicator figure in a cell of its own: the total, women and men (girls and boys), age bands, disability. */
function addIndicatorSheet(wb: ExcelJS.Workbook, view: PlanView, locale: ExportLocale) {
	const table = indicatorTable(view, locale);
	const width = table.columns.length;
	const ws = wb.addWorksheet(sheetName(m.doc_sheet_indicators({}, { locale })), {
		views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }]
	});
	const widths: Record<string, number> = {
		no: 7,
		activity: 36,
		indicator: 36,
		unit: 10,
		kind: 10,
		period: 11
	};
	ws.columns = table.columns.map((c) => ({
		width: widths[c.id] ?? 11,
		style: {
			alignment: { vertical: 'top', wrapText: true, horizontal: c.figure ? 'right' : 'left' }
		}
	}));
	styleHeader(
		addRow(
			ws,
			table.columns.map((c) => c.label)
		),
		width
	);
	for (const r of table.rows)
		borderRow(
			addCells(
				ws,
				table.columns.map((c) => r[c.id])
			),
			width
		);
	ws.autoFilter = {
		from: { row: 1, column: 1 },
		to: { row: Math.max(ws.rowCount, 2), column: width }
	};
	setupPrint(ws, view, locale);
}

/** The plan as one workbook: the action table, its budget lines, the gender budget summary and the indicator figures. */
export async function planToXlsx(view: PlanView, locale: ExportLocale): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Aiyl Plan';
	wb.title = markedWording(wordingOf(view.plan), locale);
	const stamp = new Date(view.plan.updatedAt);
	if (!Number.isNaN(stamp.getTime())) wb.created = wb.modified = stamp;
	addPlanSheet(wb, view, locale);
	addBudgetSheet(wb, view, locale);
	addSummarySheet(wb, view, locale);
	addIndicatorSheet(wb, view, locale);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
