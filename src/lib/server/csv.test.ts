import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWidths, parseCsv } from './csv';
import { guardText, unguardText, writeCsv } from './sheet';

describe('parseCsv', () => {
	it('reads quoted cells with commas, quotes and line breaks, and keeps each row’s first line number', () => {
		const { rows, problems } = parseCsv('a,b\n"x, y","say ""hi"""\n"multi\nline",z\n');
		expect(problems).toEqual([]);
		expect(rows).toEqual([
			{ line: 1, cells: ['a', 'b'] },
			{ line: 2, cells: ['x, y', 'say "hi"'] },
			{ line: 3, cells: ['multi\nline', 'z'] }
		]);
	});
	it('reads Excel’s semicolon CSV with a byte-order mark and CRLF, skipping blank lines', () => {
		expect(parseCsv('\uFEFFa;b\r\n\r\n1;2\r\n').rows).toEqual([
			{ line: 1, cells: ['a', 'b'] },
			{ line: 3, cells: ['1', '2'] }
		]);
	});
	it('an empty text has no rows', () => {
		expect(parseCsv('')).toEqual({ rows: [], problems: [] });
		expect(parseCsv('\n\n')).toEqual({ rows: [], problems: [] });
	});

	it('an unclosed quote is a row error with its line', () => {
		// the old parser read this as 3 good rows: the quote swallowed lines 3–4 into one cell of line 2
		const { rows, problems } = parseCsv('a,b,c\n1,"open,x\n2,y,z\n3,w,v\n');
		expect(problems).toEqual([{ line: 2, code: 'import_csv_unclosed_quote' }]);
		expect(rows.map((r) => r.line)).toEqual([1]);
		// in the last row too: the row is not silently dropped
		expect(parseCsv('a,b\n1,2\n3,"x').problems).toEqual([
			{ line: 3, code: 'import_csv_unclosed_quote' }
		]);
	});
	it('a quote closed in the middle of a cell is a row error with its line', () => {
		expect(parseCsv('a,b\n1,2\n3,"ab"c,d\n').problems).toEqual([
			{ line: 3, code: 'import_csv_unclosed_quote' }
		]);
		// an open quote that meets the next quoted cell further down is the same fault, on its own line
		expect(parseCsv('a,b\n1,"open\n2,x\n3,"y"\n').problems).toEqual([
			{ line: 2, code: 'import_csv_unclosed_quote' }
		]);
	});
	it('counts lines across quoted line breaks and lone CR line ends', () => {
		const { rows, problems } = parseCsv('a,b\r"1\r\n2",x\r3,"y"\r');
		expect(problems).toEqual([]);
		expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
	});
});

describe('checkWidths', () => {
	it('a row with more or fewer cells than the header is a row error with its line, and is left out', () => {
		const { rows } = parseCsv('title line\na,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,,\n');
		const checked = checkWidths(rows, 1);
		expect(checked.problems).toEqual([
			{ line: 4, code: 'import_csv_missing_cells', params: { cells: 2, columns: 3 } },
			{ line: 5, code: 'import_csv_extra_cells', params: { cells: 4, columns: 3 } }
		]);
		// the title line above the header and Excel's empty padding cells are no problem
		expect(checked.rows.map((r) => r.line)).toEqual([1, 2, 3, 6]);
	});
});

const cellText = fc.oneof(
	fc.string(),
	fc.string({
		unit: fc.constantFrom(
			'"',
			',',
			';',
			'\n',
			'\r',
			' ',
			"'",
			'=',
			'-',
			'+',
			'@',
			'\t',
			'ң',
			'a',
			'1'
		)
	})
);

describe('CSV properties', () => {
	it('whatever the table, writeCsv and parseCsv give it back cell for cell (formula guard taken off), without problems', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 6 }).chain((width) =>
					fc.array(fc.array(cellText, { minLength: width, maxLength: width }), {
						minLength: 1,
						maxLength: 8
					})
				),
				(table) => {
					// a row of only blank cells is a blank line, which the reader skips ("\r" is guarded, so not blank)
					const kept = table.filter((r) => r.some((c) => guardText(c).trim() !== ''));
					const { rows, problems } = parseCsv(writeCsv(table));
					expect(problems).toEqual([]);
					expect(rows.map((r) => r.cells.map(unguardText))).toEqual(kept);
					expect(checkWidths(rows, 0).problems).toEqual([]);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('random and hostile text never throws; every problem and row has a line inside the text, rows in order', () => {
		const hostile = fc.string({
			unit: fc.constantFrom('"', ',', ';', '\n', '\r', '\r\n', 'x', ' ', '\uFEFF', '""', '\u0000'),
			maxLength: 200
		});
		fc.assert(
			fc.property(fc.oneof(fc.string(), hostile), (text) => {
				const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).length;
				const { rows, problems } = parseCsv(text);
				for (const x of [...problems, ...rows]) {
					expect(x.line).toBeGreaterThanOrEqual(1);
					expect(x.line).toBeLessThanOrEqual(lines);
				}
				expect(rows.map((r) => r.line)).toEqual([...rows.map((r) => r.line)].sort((a, b) => a - b));
				const checked = checkWidths(rows, 0);
				expect(checked.rows.length + checked.problems.length).toBe(rows.length);
			}),
			{ numRuns: 500 }
		);
	});
});
