import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from './csv';

describe('parseCsv', () => {
	it('reads quoted cells with commas, quotes and line breaks, and keeps each row’s first line number', () => {
		const rows = parseCsv('a,b\n"x, y","say ""hi"""\n"multi\nline",z\n');
		expect(rows).toEqual([
			{ line: 1, cells: ['a', 'b'] },
			{ line: 2, cells: ['x, y', 'say "hi"'] },
			{ line: 3, cells: ['multi\nline', 'z'] }
		]);
	});
	it('reads Excel’s semicolon CSV with a byte-order mark and CRLF, skipping blank lines', () => {
		expect(parseCsv('\uFEFFa;b\r\n\r\n1;2\r\n')).toEqual([
			{ line: 1, cells: ['a', 'b'] },
			{ line: 3, cells: ['1', '2'] }
		]);
	});
	it('an empty text has no rows', () => {
		expect(parseCsv('')).toEqual([]);
		expect(parseCsv('\n\n')).toEqual([]);
	});
});

describe('writeCsv', () => {
	it('quotes what needs quoting, and parseCsv reads it back unchanged', () => {
		const rows = [['a', 'b,c', 'say "hi"'], ['multi\nline', '', 'ң ө ү']];
		const text = writeCsv(rows);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(parseCsv(text).map((r) => r.cells)).toEqual(rows);
	});
});
