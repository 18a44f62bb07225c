import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PLANS, normalizePlanFile, type PlanFile } from './catalogue';
import { templateFile } from './catalogue/export';
import {
	planToCsv as catalogueCsv,
	readCsvTable,
	writeXlsx as catalogueXlsx
} from './catalogue/tabular';
import { parseCsv } from './csv';
import { planToCsv, planToXlsx } from './plans/export';
import { sampleView } from './plans/sample-plan';
import type { PlanView } from './plans/types';
import { guardText, unguardText, writeCsv } from './sheet';
import { checkZip, readEntry } from './zip';

/** Cell texts a spreadsheet would run: formulas, DDE, a tab or CR before a formula. */
const HOSTILE = [
	'=HYPERLINK("http://evil.example","click")',
	"+1+cmd|' /C calc'!A0",
	'-2+3',
	'@SUM(A1:A9)',
	'\t=1+1',
	'\r=1+1',
	"'=already quoted"
];
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Every cell of a CSV text as written (no guard taken off): none may start like a formula unless it is a plain number. */
function unguardedCsvCells(text: string): string[] {
	const { rows, problems } = parseCsv(text);
	expect(problems).toEqual([]);
	return rows.flatMap((r) => r.cells).filter((c) => FORMULA_START.test(c) && !PLAIN_NUMBER.test(c));
}

/** Every XLSX cell: no formula anywhere in the sheets' XML, and each hostile text is there as a string cell. */
async function xlsxCells(
	bytes: Uint8Array
): Promise<{ formulas: number; strings: string[]; numbers: number[] }> {
	const zip = await checkZip(bytes, { maxEntries: 200, maxTotalBytes: 64 * 1024 * 1024 });
	if (!zip.ok) throw new Error(zip.code);
	let formulas = 0;
	for (const e of zip.entries.filter((x) => /^xl\/worksheets\/.*\.xml$/.test(x.name))) {
		formulas += (new TextDecoder().decode((await readEntry(bytes, e))!).match(/<f[ >]/g) ?? [])
			.length;
	}
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(new Uint8Array(bytes).buffer);
	const strings: string[] = [];
	const numbers: number[] = [];
	wb.eachSheet((ws) =>
		ws.eachRow((row) =>
			row.eachCell((cell) => {
				if (cell.type === ExcelJS.ValueType.Formula) formulas++;
				if (typeof cell.value === 'string') strings.push(cell.value);
				if (typeof cell.value === 'number') numbers.push(cell.value);
			})
		)
	);
	return { formulas, strings, numbers };
}

function hostileCatalogue(): PlanFile {
	const file = structuredClone(
		normalizePlanFile(SHIPPED_PLANS.find((p) => p.plan.key === 'nap-1325-2025-2027-draft')!)
	);
	const measures = file.chapters.flatMap((c) =>
		c.goals.flatMap((g) => g.tasks.flatMap((t) => t.measures))
	);
	file.chapters[0]!.title.ky = HOSTILE[0]!;
	HOSTILE.forEach((text, i) => {
		const m = measures[i % measures.length]!;
		if (i % 2) m.text.ky = text;
		else m.bodiesRaw = text;
		if (i === 2) m.expectedResult.ky = text;
	});
	return file;
}

function hostilePlan(): PlanView {
	const [first, ...rest] = sampleView.sections as [
		PlanView['sections'][number],
		...PlanView['sections']
	];
	return {
		...sampleView,
		sections: [
			{
				...first,
				title: HOSTILE[0]!,
				activities: first.activities.map((a, i) => ({
					...a,
					title: HOSTILE[1 + i]!,
					responsible: HOSTILE[3]!,
					partners: HOSTILE[4]!
				}))
			},
			...rest
		]
	};
}

describe('the exporter helper', () => {
	it('guards text that starts like a formula and gives it back unchanged; a plain number stays a number', () => {
		expect(guardText('=1+1')).toBe("'=1+1");
		expect(guardText('-')).toBe("'-");
		expect(guardText('-5.00')).toBe('-5.00');
		expect(guardText('1.1.2')).toBe('1.1.2');
		expect(writeCsv([['=x', 5, -2.5, null, '-5', 'a;b']])).toBe('\uFEFF\'=x,5,-2.5,,-5,"a;b"\r\n');
		fc.assert(
			fc.property(
				fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '1', '.', 'a') }),
				(s) => {
					expect(unguardText(guardText(s))).toBe(s);
					expect(FORMULA_START.test(guardText(s)) && !PLAIN_NUMBER.test(s)).toBe(false);
				}
			),
			{ numRuns: 2000 }
		);
	});
});

describe('every CSV/XLSX export guards formula cells', () => {
	it('the catalogue CSV export: every text starting with = + - @ tab or CR is guarded, and imports back unchanged', () => {
		const file = hostileCatalogue();
		const csv = catalogueCsv(file);
		expect(unguardedCsvCells(csv)).toEqual([]);
		const back = readCsvTable(csv);
		expect(back.problems).toEqual([]);
		for (const text of HOSTILE) expect(back.rows.some((r) => r.cells.includes(text))).toBe(true);
	});

	it('the catalogue XLSX export: hostile texts are string cells, no cell is a formula', async () => {
		const { formulas, strings } = await xlsxCells(
			new Uint8Array(await catalogueXlsx(hostileCatalogue()))
		);
		expect(formulas).toBe(0);
		// (XML reads a lone CR back as a line feed: that cell is checked by its formula part)
		for (const text of HOSTILE)
			expect(
				strings.some((s) => s === text || (text.startsWith('\r') && s.endsWith(text.slice(1))))
			).toBe(true);
	});

	it('the import template, as CSV and as XLSX', async () => {
		const csv = await templateFile('csv');
		expect(unguardedCsvCells(new TextDecoder().decode(csv.body))).toEqual([]);
		expect((await xlsxCells((await templateFile('xlsx')).body)).formulas).toBe(0);
	});

	it('the local plan CSV: texts guarded, amounts plain numbers', () => {
		const csv = planToCsv(hostilePlan(), 'en');
		expect(unguardedCsvCells(csv)).toEqual([]);
		const cells = parseCsv(csv).rows.flatMap((r) => r.cells);
		for (const text of HOSTILE.slice(0, 5)) expect(cells).toContain(guardText(text));
		expect(cells).toContain('150000.00');
	});

	it('the local plan XLSX: texts are string cells, amounts number cells, no formula', async () => {
		const { formulas, strings, numbers } = await xlsxCells(
			new Uint8Array(await planToXlsx(hostilePlan(), 'ky'))
		);
		expect(formulas).toBe(0);
		for (const text of HOSTILE.slice(0, 5)) expect(strings).toContain(text);
		expect(numbers).toContain(150000);
	});
});
