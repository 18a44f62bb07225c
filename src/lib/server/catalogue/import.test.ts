import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { xlsxBomb } from '../zip.fixtures';
import { checkFile, detectFormat, type MetaInput } from './import';
import {
	normalizePlanFile,
	type BodyFile,
	type FundingSourceFile,
	type PlanFile
} from './plan-file';
import { SHIPPED_PLANS } from './shipped';
import { planToCsv, readXlsx, writeXlsx } from './tabular';

// workbooks are read in a worker thread (exceljs loaded afresh each time): slow on a busy machine
vi.setConfig({ testTimeout: 30_000 });

// the real reader, watched: a refused archive must never reach it
vi.mock('./tabular', async (importOriginal) => {
	const real = await importOriginal<typeof import('./tabular')>();
	return { ...real, readXlsx: vi.fn(real.readXlsx) };
});

const bytes = (s: string) => new TextEncoder().encode(s);

describe('detectFormat', () => {
	it('recognises CSV, JSON and XLSX by their content, whatever the file is called', () => {
		expect(detectFormat(bytes('\uFEFFchapter_number;goal_number\n1;1.1'))).toBe('csv');
		expect(detectFormat(bytes('  {"plan": {}}'))).toBe('json');
		expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('xlsx');
	});
	it('reads a large Cyrillic CSV whose 64 KiB mark falls inside a letter', () => {
		const row = 'ң'.repeat(1000);
		let text = 'chapter_number,text_ky\n';
		while (text.length < 70_000) text += `1,${row}\n`;
		const b = bytes('x' + text); // one ASCII byte shifts every two-byte letter across the 64 KiB boundary
		expect(detectFormat(b)).toBe('csv');
		expect(detectFormat(bytes(text))).toBe('csv');
	});
	it('refuses binary and non-UTF-8 files', () => {
		expect(detectFormat(bytes('%PDF-1.4\n\u0001\u0002'))).toBeNull();
		expect(detectFormat(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBeNull();
		expect(detectFormat(bytes('just some words without separators'))).toBeNull();
	});
});

// ── checkFile: every reader, hostile input ───────────────────────────────────

const known = (() => {
	const bodies = new Map<string, BodyFile>();
	const funding = new Map<string, FundingSourceFile>();
	for (const p of SHIPPED_PLANS) {
		for (const b of p.bodies) if (!bodies.has(b.code)) bodies.set(b.code, b);
		for (const f of p.fundingSources) if (!funding.has(f.code)) funding.set(f.code, f);
	}
	return { bodies: [...bodies.values()], fundingSources: [...funding.values()] };
})();
const plan2018 = normalizePlanFile(
	SHIPPED_PLANS.find((p) => p.plan.key === 'nap-gender-2018-2020')!
);
const small = normalizePlanFile(
	SHIPPED_PLANS.find((p) => p.plan.key === 'nap-1325-2025-2027-draft')!
);
const metaOf = (file: PlanFile): MetaInput => ({
	key: file.plan.key,
	kind: file.plan.kind,
	titleKy: file.plan.title.ky,
	periodStart: String(file.plan.periodStart),
	periodEnd: String(file.plan.periodEnd),
	status: file.plan.status
});
const check = (bytes: Uint8Array, meta: MetaInput = {}) => checkFile({ bytes, meta }, known);
const lineCount = (bytes: Uint8Array) => new TextDecoder().decode(bytes).split(/\r\n|\n|\r/).length;

/** What every import must answer: all of the file with no problem, or no file and problems that each name a line of it. */
function expectAllOrProblems(result: Awaited<ReturnType<typeof checkFile>>, lines: number) {
	expect(result.file === null).toBe(result.problems.length > 0);
	for (const p of result.problems) {
		expect(
			Number.isInteger(p.line) && p.line >= 0 && p.line <= lines,
			`${p.code} at ${p.line} of ${lines}`
		).toBe(true);
		expect(p.code).toMatch(/^import_[a-z0-9_]+$/);
	}
}

describe('checkFile', () => {
	it('an unclosed quote is a row error with its line', async () => {
		// the 2018–2020 plan's 117-row export, one cell's quote left open: it passed as "117 rows, 0 problems"
		const rows = planToCsv(plan2018).split('\r\n'); // a row per CRLF: line breaks inside cells are LF
		expect(rows.length - 2).toBe(117);
		const at = rows.findIndex((r, i) => i > 10 && /^[^",]*,[^"]/.test(r));
		rows[at] = rows[at]!.replace(',', ',"');
		const line = (rows.slice(0, at).join('\r\n') + '\r\n').split(/\r\n|\n/).length;
		const result = await check(new TextEncoder().encode(rows.join('\r\n')), metaOf(plan2018));
		expect(result.file).toBeNull();
		expect(result.problems).toContainEqual({ line, code: 'import_csv_unclosed_quote' });
	});

	it('javascript: URLs are a row error', async () => {
		const file = structuredClone(plan2018);
		file.plan.act = { ...file.plan.act!, url: 'javascript:alert(1)' };
		const json = new TextEncoder().encode(JSON.stringify(file, null, 2));
		const result = await check(json);
		expect(result.file).toBeNull();
		const line =
			JSON.stringify(file, null, 2)
				.split('\n')
				.findIndex((l) => l.includes('javascript:')) + 1;
		expect(result.problems).toEqual([
			{ line, code: 'import_meta_act_url', params: { value: 'javascript:alert(1)' } }
		]);
		// the XLSX plan sheet carries the act's URL too
		const xlsx = new Uint8Array(await writeXlsx(file));
		expect((await check(xlsx)).problems).toContainEqual(
			expect.objectContaining({ code: 'import_meta_act_url' })
		);
		file.plan.act!.url = 'https://cbd.minjust.gov.kg/act/view/ky-kg/12345';
		expect((await check(new TextEncoder().encode(JSON.stringify(file)))).problems).toEqual([]);
	});

	it('a zip bomb XLSX is refused before inflating, with what was wrong', async () => {
		vi.mocked(readXlsx).mockClear();
		const result = await check(xlsxBomb(40 * 1024 * 1024), metaOf(small));
		expect(result).toMatchObject({
			format: 'xlsx',
			file: null,
			problems: [{ line: 0, code: 'import_zip_too_large', params: { max: 32 } }]
		});
		const liar = await check(xlsxBomb(40 * 1024 * 1024, { lie: true }), metaOf(small));
		expect(liar.problems).toEqual([{ line: 0, code: 'import_zip_size_mismatch' }]);
		// the workbook reader (exceljs) never saw either file
		expect(readXlsx).not.toHaveBeenCalled();
	});

	it('a JSON file with a field of the wrong type is a problem at the line of its measure, not an exception', async () => {
		const file = structuredClone(small) as unknown as {
			chapters: { goals: { tasks: { measures: Record<string, unknown>[] }[] }[] }[];
		};
		const m = file.chapters[0]!.goals[0]!.tasks[0]!.measures[0]!;
		m.text = { ky: 42 };
		const text = JSON.stringify(file, null, 2);
		const result = await check(new TextEncoder().encode(text));
		expect(result.problems).toEqual([
			{
				line: text.split('\n').findIndex((l) => l.includes(`"${m.id}"`)) + 1,
				code: 'import_json_field',
				params: { field: 'chapters.0.goals.0.tasks.0.measures.0.text.ky' }
			}
		]);
	});
});

const hostileText = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.constantFrom(
		'"',
		'"open',
		'a"b',
		',',
		';',
		'\n',
		'\r\n',
		'=1+1',
		'-',
		'MLSD:lead',
		'LSG:co; NOBODY:lead',
		'2026',
		'2026-2027',
		'yes',
		'local',
		'1.1',
		'\u0000',
		'\uFEFF',
		'ң'
	)
);

describe('every import reader, on random and hostile input', () => {
	it('CSV: never throws, takes all rows or reports problems with their lines', async () => {
		const header = [
			'chapter_number',
			'goal_number',
			'task_number',
			'measure_number',
			'text_ky',
			'bodies',
			'funding',
			'deadline',
			'level',
			'uncertain'
		];
		const rows = fc.array(fc.array(hostileText, { minLength: 0, maxLength: 12 }), {
			maxLength: 12
		});
		await fc.assert(
			fc.asyncProperty(
				rows,
				fc.constantFrom(',', ';'),
				fc.boolean(),
				async (table, sep, quoteAll) => {
					const cell = (c: string) =>
						quoteAll || /[",;\n\r]/.test(c) ? `"${c.replace(/"/g, quoteAll ? '"' : '""')}"` : c;
					const text = [header.join(sep), ...table.map((r) => r.map(cell).join(sep))].join('\n');
					const bytes = new TextEncoder().encode(text);
					expectAllOrProblems(await check(bytes, metaOf(small)), lineCount(bytes));
				}
			),
			{ numRuns: 300 }
		);
	}, 60_000);

	it('JSON: never throws whatever a field holds, takes the whole plan or reports problems with their lines', async () => {
		const paths = (o: unknown, at: (string | number)[] = []): (string | number)[][] =>
			o && typeof o === 'object'
				? [
						at,
						...Object.entries(o).flatMap(([k, v]) =>
							paths(v, [...at, Array.isArray(o) ? Number(k) : k])
						)
					]
				: [at];
		const all = paths(small).filter((p) => p.length > 0);
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.tuple(
						fc.constantFrom(...all),
						fc.oneof(fc.anything(), hostileText, fc.constant(undefined))
					),
					{ minLength: 1, maxLength: 4 }
				),
				async (edits) => {
					const file = structuredClone(small) as unknown as Record<string | number, unknown>;
					for (const [path, value] of edits) {
						let at: Record<string | number, unknown> | null = file;
						for (const k of path.slice(0, -1))
							at =
								at && typeof at[k] === 'object'
									? (at[k] as Record<string | number, unknown>)
									: null;
						if (at) at[path[path.length - 1]!] = value;
					}
					const bytes = new TextEncoder().encode(JSON.stringify(file, null, 1) ?? '');
					expectAllOrProblems(await check(bytes), lineCount(bytes));
				}
			),
			{ numRuns: 300 }
		);
	}, 60_000);

	it('XLSX: random cells and damaged bytes never throw; all rows or problems', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.array(hostileText, { maxLength: 8 }), { maxLength: 6 }),
				fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 3 }),
				async (table, edits) => {
					const wb = new ExcelJS.Workbook();
					const ws = wb.addWorksheet('measures');
					ws.addRow([
						'chapter_number',
						'goal_number',
						'task_number',
						'measure_number',
						'text_ky',
						'bodies',
						'deadline',
						'level'
					]);
					for (const r of table) ws.addRow(r);
					const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
					for (const [at, v] of edits) bytes[at % bytes.length] = v;
					expectAllOrProblems(await check(bytes, metaOf(small)), Math.max(table.length + 1, 1));
				}
			),
			// each run reads its workbook in a worker thread: few runs, and room for a loaded machine
			{ numRuns: 20 }
		);
	}, 180_000);
});
