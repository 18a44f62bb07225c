/**
 * Reads an uploaded workbook's cells with exceljs in a worker thread. Parsing a workbook is seconds
 * of synchronous work (9 500 measures: 5 s, with pauses of 2 s in between), which on the web
 * process's event loop — where jobs run unless WORKERS=off — would stall every page. In a worker it
 * stalls nothing, its heap is capped (resourceLimits) and a file that takes too long is stopped.
 * Only archives that passed zip.ts's check get here.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WorkbookCells {
	/** the "measures" sheet (or the first one): the text of each cell, by Excel row number */
	rows: { line: number; cells: string[] }[];
	/** the "plan" sheet's first two columns (field, value), when there is such a sheet */
	plan: [string, string][] | null;
	/** with `allSheets`: every sheet's rows, by sheet name */
	sheets?: Record<string, { line: number; cells: string[] }[]>;
}

const HEAP_MB = 512;
const TIMEOUT_MS = 60_000;

// Plain JavaScript, run as the worker's script: it needs nothing from the app but exceljs.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
// the text a cell shows, whatever exceljs made of it (number, date, rich text, formula, hyperlink)
function text(value) {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
	if (typeof value !== 'object') return '';
	if (Array.isArray(value.richText)) return value.richText.map((r) => (r && typeof r.text === 'string' ? r.text : '')).join('');
	if ('formula' in value || 'sharedFormula' in value) return text(value.result);
	if ('hyperlink' in value) return text(value.text);
	return '';
}
(async () => {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(workerData.bytes);
	const sheet = wb.getWorksheet('measures') || wb.worksheets[0];
	if (!sheet) throw new Error('no worksheet');
	const rows = [];
	sheet.eachRow({ includeEmpty: false }, (row, line) => {
		const cells = [];
		// merged cells read as their top-left value, so a chapter merged over many rows fills each row
		for (let i = 1; i <= row.cellCount; i++) cells.push(text(row.getCell(i).value));
		rows.push({ line, cells });
	});
	const planSheet = wb.getWorksheet('plan');
	let plan = null;
	if (planSheet) {
		plan = [];
		planSheet.eachRow((row) => plan.push([text(row.getCell(1).value), text(row.getCell(2).value)]));
	}
	let sheets;
	if (workerData.allSheets) {
		sheets = {};
		for (const ws of wb.worksheets) {
			const list = [];
			ws.eachRow({ includeEmpty: false }, (row, line) => {
				const cells = [];
				for (let i = 1; i <= row.cellCount; i++) cells.push(text(row.getCell(i).value));
				list.push({ line, cells });
			});
			sheets[ws.name] = list;
		}
	}
	parentPort.postMessage({ rows, plan, sheets });
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

let exceljsPath: string | null = null;

/** The cells of a workbook, read in a worker thread; rejects when the file is not a readable workbook. */
export function readWorkbookCells(
	bytes: Uint8Array,
	o: { allSheets?: boolean } = {}
): Promise<WorkbookCells> {
	// resolved from this module, so it works from src/ (tests, tsx) and from the bundle in build/
	exceljsPath ??= createRequire(import.meta.url).resolve('exceljs');
	const copy = new Uint8Array(bytes).buffer;
	return new Promise((resolve, reject) => {
		const worker = new Worker(SOURCE, {
			eval: true,
			workerData: { bytes: copy, exceljs: exceljsPath, allSheets: !!o.allSheets },
			transferList: [copy],
			resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
			stdout: true,
			stderr: true
		});
		let settled = false;
		const finish = (fn: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			void worker.terminate();
			fn();
		};
		const timer = setTimeout(
			() => finish(() => reject(new Error('workbook took too long to read'))),
			TIMEOUT_MS
		);
		worker.once('message', (m: WorkbookCells | { error: string }) =>
			finish(() => ('error' in m ? reject(new Error(m.error)) : resolve(m)))
		);
		// out of heap (ERR_WORKER_OUT_OF_MEMORY) or any crash of the worker
		worker.once('error', (e) => finish(() => reject(e)));
		worker.once('exit', (code) =>
			finish(() => reject(new Error(`workbook reader exited with ${code}`)))
		);
	});
}
