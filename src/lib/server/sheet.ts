/**
 * The one way every export writes its cells (catalogue CSV/XLSX and template, local plan CSV/XLSX):
 * text is never something a spreadsheet runs, real numbers stay numbers.
 *
 * - CSV: text starting with = + - @ tab or CR gets a leading apostrophe (OWASP's advice for CSV
 *   injection), except a plain decimal number such as "-5.00", which Excel reads as the number it is.
 *   The guard is reversible (`unguardText`), so a catalogue exported as CSV imports back unchanged.
 * - XLSX: text goes in as a string cell, which Excel and LibreOffice show and never evaluate; only
 *   JavaScript numbers become number cells. Nothing here writes a formula.
 */
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** A cell of an exported table: text, or a number kept numeric; null and undefined are empty. */
export type SheetCell = string | number | null | undefined;

/** Text a spreadsheet would take for a formula: its first character, after any apostrophes the guard added before. */
const FORMULA = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** "=HYPERLINK(…)" → "'=HYPERLINK(…)"; other text as it is. */
export function guardText(text: string): string {
	return FORMULA.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The inverse of guardText, for reading our own CSV back: "'=x" → "=x", "''=x" → "'=x". */
export function unguardText(text: string): string {
	return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Rows as RFC 4180 CSV with CRLF and a byte-order mark (so Excel shows Cyrillic), every text cell guarded. */
export function writeCsv(rows: SheetCell[][]): string {
	const data = rows.map((r) =>
		r.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? c : guardText(c)))
	);
	// a semicolon is quoted too, so no reader takes it for Excel's other separator
	const quotes = (value: unknown) => typeof value === 'string' && value.includes(';');
	return '\uFEFF' + Papa.unparse(data, { newline: '\r\n', quotes, escapeFormulae: false }) + '\r\n';
}

/** A cell value for exceljs: a string cell for text (never a formula), a number cell for numbers. */
export function xlsxValue(cell: SheetCell): string | number | null {
	if (cell === null || cell === undefined) return null;
	return typeof cell === 'number' ? cell : String(cell);
}

/** Adds a row to a sheet through xlsxValue, so no export puts anything but text and numbers in a cell. */
export function addXlsxRow(ws: ExcelJS.Worksheet, cells: SheetCell[]): ExcelJS.Row {
	return ws.addRow(cells.map(xlsxValue));
}
