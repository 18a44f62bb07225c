/**
 * Reading CSV uploads with papaparse (RFC 4180, as Excel writes it in ky/ru locales: comma or
 * semicolon). Every structural fault — a quote left open or closed mid-cell, a row with more or fewer
 * cells than the header — is a problem with the line it starts on, never a silent shift of cells.
 * Writing CSV is `sheet.ts`'s, so every export is guarded the same way.
 */
import Papa from 'papaparse';

export interface CsvRow {
	/** the line the row starts on (a quoted cell may span several) */
	line: number;
	cells: string[];
}

export interface CsvProblem {
	line: number;
	code: string;
	params?: Record<string, string | number>;
}

/** The separator Excel used: semicolons when the first row has more of them than commas, outside quotes. */
function delimiterOf(text: string): string {
	let semicolons = 0;
	let commas = 0;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (quoted) continue;
		else if (ch === '\n' || ch === '\r') break;
		else if (ch === ';') semicolons++;
		else if (ch === ',') commas++;
	}
	return semicolons > commas ? ';' : ',';
}

/** Line number (from 1) of a character position, by binary search over the line starts. */
function lineIndex(text: string): (at: number) => number {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
	}
	return (at) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			// lo < mid <= hi: within starts
			if (starts[mid]! <= at) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};
}

/**
 * The rows of a CSV text with their first line numbers; blank lines are skipped. A row with a
 * quoting fault is left out of `rows` and reported in `problems` at the line of the quote.
 */
export function parseCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
	const src = text.replace(/^\uFEFF/, '');
	const rows: CsvRow[] = [];
	const problems: CsvProblem[] = [];
	if (src.trim() === '') return { rows, problems };
	const lineAt = lineIndex(src);
	let start = 0;
	Papa.parse<string[]>(src, {
		delimiter: delimiterOf(src),
		step: (result) => {
			const line = lineAt(start);
			start = result.meta.cursor;
			const cells = result.data.map((c) => (typeof c === 'string' ? c : String(c ?? '')));
			// a quote never closed, or closed in the middle of a cell (it met the next cell's quote): the
			// same fault for the user, on the line of the quote
			const fault = result.errors.find((e) => e.type === 'Quotes');
			if (fault) {
				problems.push({
					line: fault.index === undefined ? line : Math.max(line, lineAt(fault.index)),
					code: 'import_csv_unclosed_quote'
				});
				return;
			}
			if (cells.some((c) => c.trim() !== '')) rows.push({ line, cells });
		}
	});
	return { rows, problems };
}

/**
 * Checks that every row below the header has a cell for each column the header names, and nothing
 * past the header's last cell (empty cells there are fine: Excel pads rows). A row that does not is
 * reported and left out: its cells would land in the wrong columns.
 */
export function checkWidths(
	rows: CsvRow[],
	headerAt: number
): { rows: CsvRow[]; problems: CsvProblem[] } {
	const header = rows[headerAt];
	if (!header) return { rows, problems: [] };
	let named = header.cells.length;
	while (named > 0 && header.cells[named - 1]!.trim() === '') named--;
	const width = header.cells.length;
	const problems: CsvProblem[] = [];
	const kept = rows.filter((row, i) => {
		if (i <= headerAt) return true;
		let used = row.cells.length;
		while (used > width && row.cells[used - 1]!.trim() === '') used--;
		if (used > width)
			problems.push({
				line: row.line,
				code: 'import_csv_extra_cells',
				params: { cells: used, columns: width }
			});
		else if (row.cells.length < named)
			problems.push({
				line: row.line,
				code: 'import_csv_missing_cells',
				params: { cells: row.cells.length, columns: named }
			});
		else return true;
		return false;
	});
	return { rows: kept, problems };
}
