import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkZip, readDirectory, readEntry } from './zip';
import { makeZip, xlsxBomb } from './zip.fixtures';

const LIMITS = { maxEntries: 200, maxTotalBytes: 32 * 1024 * 1024 };
const MB = 1024 * 1024;

async function workbook(): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet('measures').addRow(['chapter_number', 'text_ky']);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('ZIP check', () => {
	it('a zip bomb XLSX is refused before inflating: its directory declares more than the cap', async () => {
		const bomb = xlsxBomb(40 * MB);
		expect(bomb.length).toBeLessThan(100 * 1024);
		// readDirectory only reads headers: the refusal comes before a single byte is inflated
		expect(readDirectory(bomb, LIMITS)).toEqual({
			ok: false,
			code: 'import_zip_too_large',
			params: { max: 32 }
		});
		expect(await checkZip(bomb, LIMITS)).toMatchObject({ ok: false, code: 'import_zip_too_large' });
	});

	it('a bomb that lies about its sizes is refused once it inflates past what it declares', async () => {
		const liar = xlsxBomb(40 * MB, { lie: true });
		expect(readDirectory(liar, LIMITS).ok).toBe(true);
		const dir = readDirectory(liar, LIMITS);
		if (!dir.ok) throw new Error('directory');
		// inflating stops at the declared 1 KB
		expect(await readEntry(liar, dir.entries[1]!)).toBeNull();
		expect(await checkZip(liar, LIMITS)).toEqual({ ok: false, code: 'import_zip_size_mismatch' });
	});

	it('overlapping entries count once each: forty names for one 1 MB entry are 40 MB', async () => {
		const big = { name: 'xl/a.xml', data: new Uint8Array(MB).fill(0x20) };
		const zip = makeZip([
			big,
			...Array.from({ length: 39 }, (_, i) => ({
				name: `xl/copy${i}.xml`,
				data: '',
				sameDataAs: 0
			}))
		]);
		expect(readDirectory(zip, LIMITS)).toMatchObject({ ok: false, code: 'import_zip_too_large' });
	});

	it('more entries than a workbook has is refused', () => {
		const zip = makeZip(Array.from({ length: 201 }, (_, i) => ({ name: `x${i}.xml`, data: 'x' })));
		expect(readDirectory(zip, LIMITS)).toEqual({
			ok: false,
			code: 'import_zip_too_many_entries',
			params: { max: 200 }
		});
	});

	it('a real workbook passes, every entry inflating to what it declares', async () => {
		const bytes = await workbook();
		const check = await checkZip(bytes, LIMITS);
		expect(check.ok).toBe(true);
		if (!check.ok) return;
		const sheet = check.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
		expect(new TextDecoder().decode((await readEntry(bytes, sheet))!)).toContain('<sheetData>');
	});

	it('random bytes and damaged workbooks never throw: the answer is ok or a reason', async () => {
		const good = await workbook();
		const codes = new Set([
			'import_not_xlsx',
			'import_zip_size_mismatch',
			'import_zip_too_large',
			'import_zip_too_many_entries'
		]);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.uint8Array({ maxLength: 300 }),
					// a real workbook with a few bytes changed: lengths and offsets that point anywhere
					fc
						.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), {
							minLength: 1,
							maxLength: 8
						})
						.map((edits) => {
							const b = new Uint8Array(good);
							for (const [at, v] of edits) b[at] = v;
							return b;
						}),
					fc.nat(good.length).map((n) => good.slice(0, n))
				),
				async (bytes) => {
					const check = await checkZip(bytes, LIMITS);
					if (!check.ok) expect(codes.has(check.code)).toBe(true);
				}
			),
			{ numRuns: 300 }
		);
	});
});
