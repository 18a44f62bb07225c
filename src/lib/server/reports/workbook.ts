/**
 * The report form (issue [10] item 7): officials fill a report offline. `reportForm` writes an XLSX
 * prefilled with what the report says — its activities (status and reason as drop-downs of the
 * localised names), the indicators' actuals beside their targets, the budget lines' spending — with
 * hidden id columns and a hidden "_form" sheet naming the plan, period and report version it was
 * made from. `importReportForm` reads it back through the catalogue's hostile-file defences (size,
 * zip.ts's archive check, the worker-thread reader, the row limit), checks every cell, and writes
 * every activity through `writeActivity` — the report page's own rules — in one transaction under
 * the report lock. Any bad cell rolls everything back: the problems come back, sheet by row by
 * column, in the user's language, and nothing is written.
 */
import ExcelJS from 'exceljs';
import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { planRef } from '../plans/plans';
import { can } from './permissions';
import { m } from '../../paraglide/messages';
import { MAX_UPLOAD_BYTES } from '../limits';
import { checkZip } from '../zip';
import { readWorkbookCells } from '../catalogue/workbook-reader';
import { MAX_ROWS } from '../catalogue/tabular';
import { XLSX_LIMITS } from '../catalogue/import';
import { parseMoneyInput } from '../../money';
import { LIMITS } from '../../limits';
import type { FiguresInput } from '../plans/indicator-values';
import {
	ACTIVITY_STATUSES,
	ACTUAL_AGE_KEYS,
	ACTUAL_DISABILITY_KEYS,
	STOP_REASONS
} from '../../reports/vocabulary';
import { AGE_BANDS, DISABILITY, type AgeBand, type Disability } from '../../plans/vocabulary';
import {
	reportPage,
	withReportLock,
	writeActivity,
	type ActivityReportInput,
	type ReportActivity
} from './reports';

export type FormLocale = 'ky' | 'ru' | 'en';
const LOCALES: FormLocale[] = ['ky', 'ru', 'en'];

type Params = Record<string, string | number>;
type MessageFn = (p: Params, o: { locale: FormLocale }) => string;
const msg = (key: string, params: Params, locale: FormLocale): string => {
	const fn = (m as unknown as Record<string, MessageFn | undefined>)[key];
	return fn ? fn(params, { locale }) : key;
};

/** One bad cell of an uploaded form; row and column as Excel names them (0 and '' for the whole file). */
export interface FormProblem {
	sheet: string;
	row: number;
	column: string;
	code: string;
	params: Params;
	/** the message in the user's language */
	reason: string;
}

export type FormImport = { ok: true; activities: number } | { ok: false; problems: FormProblem[] };

const META = '_form';
const sheetName = (s: string) =>
	s
		.replace(/[[\]:*?/\\]/g, ' ')
		.slice(0, 31)
		.trim();
const names = (locale: FormLocale) => ({
	activities: sheetName(m.report_form_sheet_activities({}, { locale })),
	indicators: sheetName(m.report_form_sheet_indicators({}, { locale })),
	spending: sheetName(m.report_form_sheet_spending({}, { locale }))
});

/** Columns of each sheet; the first is the hidden id. */
const ACT = { id: 1, title: 2, status: 3, reason: 4, reasonText: 5, narrative: 6, problems: 7 };
const IND = {
	id: 1,
	activity: 2,
	name: 3,
	unit: 4,
	targetTotal: 5,
	targetFemale: 6,
	targetMale: 7,
	total: 8,
	female: 9,
	male: 10
};
/** After the sex columns: one actual column per age band (children's, then adults'), then with and without disability — typed only where the indicator's targets have that breakdown. */
const BANDS: readonly AgeBand[] = [...AGE_BANDS.children, ...AGE_BANDS.adults];
const BAND_COLUMN = Object.fromEntries(BANDS.map((b, k) => [b, IND.male + 1 + k])) as Record<
	AgeBand,
	number
>;
const DISABILITY_COLUMN = Object.fromEntries(
	DISABILITY.map((d, k) => [d, IND.male + 1 + BANDS.length + k])
) as Record<Disability, number>;
const bandsOf = (i: { byAge: boolean; population: 'adults' | 'children' }): readonly AgeBand[] =>
	i.byAge ? AGE_BANDS[i.population] : [];
const disabilityOf = (i: { byDisability: boolean }): readonly Disability[] =>
	i.byDisability ? DISABILITY : [];
const SPEND = {
	id: 1,
	activity: 2,
	source: 3,
	planned: 4,
	spent: 5,
	women: 6,
	men: 7,
	girls: 8,
	boys: 9
};
const col = (n: number) => String.fromCharCode(64 + n);

const statusLabel = (s: string, locale: FormLocale) => msg('report_status_' + s, {}, locale);
const reasonLabel = (r: string, locale: FormLocale) => msg('report_reason_' + r, {}, locale);
const titleOf = (a: { title: string; titleRu: string }, locale: FormLocale) =>
	locale === 'ru' && a.titleRu ? a.titleRu : a.title;

/** What the page would save for an activity as the report now says it: the form's prefill, and what an unchanged row reads back as. */
function inputOf(a: ReportActivity): ActivityReportInput {
	const text = (v: string | null | undefined) => v ?? '';
	return {
		activityId: a.id,
		status: a.status,
		reason: a.reason,
		reasonText: a.reasonText,
		narrative: a.narrative,
		problems: a.problems,
		actuals: Object.fromEntries(
			a.indicators.map((i) => [
				i.id,
				// by sex, the total is derived from women and men (girls and boys), never typed
				{
					...(i.bySex
						? { total: '', female: text(i.actual.female), male: text(i.actual.male) }
						: { total: text(i.actual.total), female: '', male: '' }),
					age: Object.fromEntries(bandsOf(i).map((b) => [b, text(i.actual.age[b])])),
					disability: Object.fromEntries(
						disabilityOf(i).map((d) => [d, text(i.actual.disability[d])])
					)
				}
			])
		),
		spending: Object.fromEntries(
			a.lines.map((l) => [
				l.id,
				{
					spent: text(l.spent),
					women: l.reached.women,
					men: l.reached.men,
					girls: l.reached.girls,
					boys: l.reached.boys
				}
			])
		)
	};
}

/** Only the municipality's staff fill its reports: everyone else is refused before anything is read. */
async function mayFill(sql: Sql, actor: Actor | null, planId: number) {
	if (!can(actor, 'edit', await planRef(sql, planId))) throw new Forbidden();
}

/** The report form of a period as XLSX bytes, for the municipality's staff while the report is a draft. */
export async function reportForm(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	period: string,
	locale: FormLocale,
	o: { today?: string } = {}
): Promise<{ bytes: Uint8Array; filename: string }> {
	await mayFill(sql, actor, planId);
	const page = await reportPage(sql, actor, planId, period, o);
	if (!page.canEdit || !page.content) throw new Forbidden();
	const n = names(locale);
	const opt = { locale };
	const activities = page.content.sections.flatMap((s) => s.activities);
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Aiyl Plan';

	const editable = (cell: ExcelJS.Cell) => {
		cell.protection = { locked: false };
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9DB' } };
	};
	const header = (ws: ExcelJS.Worksheet, cells: string[], widths: number[]) => {
		const row = ws.addRow(cells);
		row.font = { bold: true };
		widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
		ws.getColumn(1).hidden = true;
	};
	const protect = (ws: ExcelJS.Worksheet) =>
		ws.protect('', {
			selectLockedCells: true,
			selectUnlockedCells: true,
			formatColumns: true,
			formatRows: true
		});

	const act = wb.addWorksheet(n.activities, { views: [{ state: 'frozen', ySplit: 1 }] });
	header(
		act,
		[
			'id',
			m.report_form_col_activity({}, opt),
			m.report_status({}, opt),
			m.report_reason({}, opt),
			m.report_reason_text({}, opt),
			m.report_narrative({}, opt),
			m.report_problems({}, opt)
		],
		[8, 50, 18, 26, 30, 50, 40]
	);
	const statusList = `"${ACTIVITY_STATUSES.map((s) => statusLabel(s, locale)).join(',')}"`;
	const reasonList = `"${STOP_REASONS.map((r) => reasonLabel(r, locale)).join(',')}"`;
	for (const a of activities) {
		const row = act.addRow([
			a.id,
			titleOf(a, locale),
			statusLabel(a.status, locale),
			a.reason ? reasonLabel(a.reason, locale) : null,
			a.reasonText || null,
			a.narrative || null,
			a.problems || null
		]);
		for (const c of [ACT.status, ACT.reason, ACT.reasonText, ACT.narrative, ACT.problems])
			editable(row.getCell(c));
		row.getCell(ACT.status).dataValidation = {
			type: 'list',
			allowBlank: false,
			formulae: [statusList]
		};
		row.getCell(ACT.reason).dataValidation = {
			type: 'list',
			allowBlank: true,
			formulae: [reasonList]
		};
		row.alignment = { wrapText: true, vertical: 'top' };
	}
	await protect(act);

	const ind = wb.addWorksheet(n.indicators, { views: [{ state: 'frozen', ySplit: 1 }] });
	header(
		ind,
		[
			'id',
			m.report_form_col_activity({}, opt),
			m.report_form_col_indicator({}, opt),
			m.report_form_col_unit({}, opt),
			m.report_form_col_target_total({}, opt),
			m.report_form_col_target_female({}, opt),
			m.report_form_col_target_male({}, opt),
			m.report_form_col_actual_total({}, opt),
			m.report_form_col_actual_female({}, opt),
			m.report_form_col_actual_male({}, opt),
			...BANDS.map((b) => m.doc_ind_age({ band: b.replace('-', '–') }, opt)),
			m.doc_ind_disability_with({}, opt),
			m.doc_ind_disability_without({}, opt)
		],
		[8, 40, 40, 12, 12, 14, 14, 12, 14, 14, ...BANDS.map(() => 10), 14, 14]
	);
	const num = (v: string | null) => (v === null || v === '' ? null : Number(v));
	for (const a of activities)
		for (const i of a.indicators) {
			const row = ind.addRow([
				i.id,
				titleOf(a, locale),
				i.name,
				i.unit,
				num(i.target.total),
				num(i.target.female),
				num(i.target.male),
				num(i.actual.total),
				num(i.actual.female),
				num(i.actual.male),
				...BANDS.map((b) => (bandsOf(i).includes(b) ? num(i.actual.age[b] ?? null) : null)),
				...DISABILITY.map((d) =>
					disabilityOf(i).includes(d) ? num(i.actual.disability[d] ?? null) : null
				)
			]);
			if (!i.bySex) editable(row.getCell(IND.total));
			else {
				editable(row.getCell(IND.female));
				editable(row.getCell(IND.male));
			}
			for (const b of bandsOf(i)) editable(row.getCell(BAND_COLUMN[b]));
			for (const d of disabilityOf(i)) editable(row.getCell(DISABILITY_COLUMN[d]));
		}
	await protect(ind);

	const sp = wb.addWorksheet(n.spending, { views: [{ state: 'frozen', ySplit: 1 }] });
	header(
		sp,
		[
			'id',
			m.report_form_col_activity({}, opt),
			m.report_form_col_source({}, opt),
			m.report_form_col_planned({}, opt),
			m.report_form_col_spent({}, opt),
			m.report_form_col_women({}, opt),
			m.report_form_col_men({}, opt),
			m.report_form_col_girls({}, opt),
			m.report_form_col_boys({}, opt)
		],
		[8, 40, 22, 16, 16, 12, 12, 12, 12]
	);
	for (const a of activities)
		for (const l of a.lines) {
			const row = sp.addRow([
				l.id,
				titleOf(a, locale),
				msg('funding_' + l.source, {}, locale) + (l.donorName ? ` (${l.donorName})` : ''),
				Number(l.planned),
				l.spent === null ? null : Number(l.spent),
				l.reached.women,
				l.reached.men,
				l.reached.girls,
				l.reached.boys
			]);
			row.getCell(SPEND.planned).numFmt = '#,##0.00';
			row.getCell(SPEND.spent).numFmt = '#,##0.00';
			for (const c of [SPEND.spent, SPEND.women, SPEND.men, SPEND.girls, SPEND.boys])
				editable(row.getCell(c));
		}
	await protect(sp);

	const meta = wb.addWorksheet(META, { state: 'veryHidden' });
	meta.addRow(['plan', planId]);
	meta.addRow(['period', period]);
	// a report not started yet is created at version 1 by the upload, and touched by every save
	meta.addRow(['version', page.report?.rowVersion ?? 1]);
	meta.addRow(['locale', locale]);

	const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
	return { bytes, filename: `report-${planId}-${period}.xlsx` };
}

/** A localised label back to its code, in whichever of the three languages it was written. */
function codeOf(label: string, codes: readonly string[], labelOf: typeof statusLabel) {
	const typed = label.trim().toLowerCase();
	return codes.find((c) =>
		LOCALES.some((l) => labelOf(c, l).toLowerCase() === typed || c === typed)
	);
}

/** The rollback of an import that found a bad cell. */
class Refused extends Error {}

/**
 * Reads an uploaded report form and, when every cell is good, writes all of it in one transaction
 * under the report lock; otherwise writes nothing and says what is wrong where.
 */
export async function importReportForm(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	period: string,
	bytes: Uint8Array | null,
	locale: FormLocale,
	o: { today?: string } = {}
): Promise<FormImport> {
	// who may, before anything of the file is read
	await mayFill(sql, actor, planId);
	const page = await reportPage(sql, actor, planId, period, o);
	if (!page.canEdit) {
		if (page.report?.state === 'submitted')
			throw new DomainError('error_report_submitted', 409, {
				date: page.report.submittedAt?.toISOString().slice(0, 10) ?? ''
			});
		throw new Forbidden();
	}
	const problems: FormProblem[] = [];
	const problem = (sheet: string, row: number, column: number, code: string, params = {}) =>
		problems.push({
			sheet,
			row,
			column: column ? col(column) : '',
			code,
			params,
			reason: msg(code, params, locale)
		});
	const refused = (code: string, params: Params = {}): FormImport => {
		problem('', 0, 0, code, params);
		return { ok: false, problems };
	};

	if (!bytes || bytes.length === 0) return refused('report_form_file_missing');
	if (bytes.length > MAX_UPLOAD_BYTES)
		return refused('import_file_too_large_mb', { max: MAX_UPLOAD_BYTES / 1024 / 1024 });
	const zip = await checkZip(bytes, XLSX_LIMITS);
	if (!zip.ok) return refused(zip.code, 'params' in zip ? zip.params : {});
	let sheets: Record<string, { line: number; cells: string[] }[]>;
	try {
		sheets = (await readWorkbookCells(bytes, { allSheets: true })).sheets ?? {};
	} catch {
		return refused('import_not_xlsx');
	}
	const total = Object.values(sheets).reduce((sum, rows) => sum + rows.length, 0);
	if (total > MAX_ROWS) return refused('import_too_many_rows', { max: MAX_ROWS });

	const meta = new Map((sheets[META] ?? []).map((r) => [r.cells[0], r.cells[1]]));
	if (meta.get('plan') !== String(planId) || meta.get('period') !== period)
		return refused('report_form_other_report');
	// the file's sheets are named in the language it was downloaded in
	const fileLocale = LOCALES.find((l) => l === meta.get('locale')) ?? locale;
	const fn = names(fileLocale);
	const actRows = sheets[fn.activities];
	const indRows = sheets[fn.indicators];
	const spRows = sheets[fn.spending];
	if (!actRows || !indRows || !spRows) return refused('report_form_other_report');
	// problems are named by the sheets as the file names them
	const cell = (cells: string[], c: number) => (cells[c - 1] ?? '').trim();
	const count = (sheet: string, line: number, c: number, text: string): number | null => {
		if (text === '') return null;
		if (!/^\d+$/.test(text) || Number(text) > 10_000_000) {
			problem(sheet, line, c, 'report_form_not_count', { value: text });
			return null;
		}
		return Number(text);
	};
	const figure = (sheet: string, line: number, c: number, text: string): string => {
		if (text !== '' && !Number.isFinite(Number(text.replace(',', '.')))) {
			problem(sheet, line, c, 'report_form_not_number', { value: text });
			return '';
		}
		return text;
	};

	const content = page.content!;
	const activities = content.sections.flatMap((s) => s.activities);
	const inputs = new Map<number, { input: ActivityReportInput; line: number }>();
	const where = new Map<string, { sheet: string; line: number; column: number }>();

	for (const r of actRows.slice(1)) {
		const id = Number(cell(r.cells, ACT.id));
		const a = activities.find((x) => x.id === id);
		if (!a || inputs.has(id)) {
			problem(fn.activities, r.line, ACT.id, 'report_form_row_unknown');
			continue;
		}
		const statusText = cell(r.cells, ACT.status);
		const status = codeOf(statusText, ACTIVITY_STATUSES, statusLabel);
		if (!status)
			problem(fn.activities, r.line, ACT.status, 'report_form_unknown_status', {
				value: statusText
			});
		const reasonText = cell(r.cells, ACT.reason);
		const reason = reasonText === '' ? '' : codeOf(reasonText, STOP_REASONS, reasonLabel);
		if (reason === undefined)
			problem(fn.activities, r.line, ACT.reason, 'report_form_unknown_reason', {
				value: reasonText
			});
		// the page's limits on what may be written
		for (const [c, max] of [
			[ACT.reasonText, LIMITS.reportReason],
			[ACT.narrative, LIMITS.reportText],
			[ACT.problems, LIMITS.reportText]
		] as const)
			if (cell(r.cells, c).length > max)
				problem(fn.activities, r.line, c, 'form_too_long', {
					max,
					count: cell(r.cells, c).length
				});
		inputs.set(id, {
			line: r.line,
			input: {
				activityId: id,
				status: status ?? '',
				reason: reason ?? '',
				reasonText: cell(r.cells, ACT.reasonText),
				narrative: cell(r.cells, ACT.narrative),
				problems: cell(r.cells, ACT.problems),
				actuals: {},
				spending: {}
			}
		});
		for (const [field, column] of [
			['status', ACT.status],
			['reason', ACT.reason],
			['reasonText', ACT.reasonText]
		] as const)
			where.set(`${id}:${field}`, { sheet: fn.activities, line: r.line, column });
	}
	for (const r of indRows.slice(1)) {
		const id = Number(cell(r.cells, IND.id));
		const a = activities.find((x) => x.indicators.some((i) => i.id === id));
		const target = a && inputs.get(a.id);
		if (!target || id in target.input.actuals) {
			problem(fn.indicators, r.line, IND.id, 'report_form_row_unknown');
			continue;
		}
		const indicator = a.indicators.find((i) => i.id === id)!;
		const read = (c: number) => figure(fn.indicators, r.line, c, cell(r.cells, c));
		const figures: FiguresInput = {
			...(indicator.bySex
				? { total: '', female: read(IND.female), male: read(IND.male) }
				: { total: read(IND.total), female: '', male: '' }),
			age: Object.fromEntries(bandsOf(indicator).map((b) => [b, read(BAND_COLUMN[b])])),
			disability: Object.fromEntries(
				disabilityOf(indicator).map((d) => [d, read(DISABILITY_COLUMN[d])])
			)
		};
		target.input.actuals[id] = figures;
		for (const b of bandsOf(indicator))
			where.set(`${a.id}:${ACTUAL_AGE_KEYS[b]}_${id}`, {
				sheet: fn.indicators,
				line: r.line,
				column: BAND_COLUMN[b]
			});
		for (const d of disabilityOf(indicator))
			where.set(`${a.id}:${ACTUAL_DISABILITY_KEYS[d]}_${id}`, {
				sheet: fn.indicators,
				line: r.line,
				column: DISABILITY_COLUMN[d]
			});
		for (const [part, column] of [
			['total', IND.total],
			['female', IND.female],
			['male', IND.male]
		] as const)
			where.set(`${a.id}:${part}_${id}`, { sheet: fn.indicators, line: r.line, column });
	}
	for (const r of spRows.slice(1)) {
		const id = Number(cell(r.cells, SPEND.id));
		const a = activities.find((x) => x.lines.some((l) => l.id === id));
		const target = a && inputs.get(a.id);
		if (!target || id in target.input.spending) {
			problem(fn.spending, r.line, SPEND.id, 'report_form_row_unknown');
			continue;
		}
		const spent = cell(r.cells, SPEND.spent);
		if (spent !== '' && !parseMoneyInput(spent).ok) {
			const parsed = parseMoneyInput(spent);
			problem(fn.spending, r.line, SPEND.spent, 'error_' + (!parsed.ok ? parsed.problem : ''), {
				value: spent
			});
		}
		target.input.spending[id] = {
			spent,
			women: count(fn.spending, r.line, SPEND.women, cell(r.cells, SPEND.women)),
			men: count(fn.spending, r.line, SPEND.men, cell(r.cells, SPEND.men)),
			girls: count(fn.spending, r.line, SPEND.girls, cell(r.cells, SPEND.girls)),
			boys: count(fn.spending, r.line, SPEND.boys, cell(r.cells, SPEND.boys))
		};
	}
	if (problems.length) return { ok: false, problems };

	try {
		const written = await withReportLock(
			sql,
			actor,
			planId,
			period,
			'edit',
			async (tx, report, who) => {
				// made from another version of this report: someone saved since it was downloaded
				if (meta.get('version') !== String(report.rowVersion))
					throw new DomainError('report_form_stale', 409);
				let changed = 0;
				for (const { input, line } of inputs.values()) {
					const before = activities.find((a) => a.id === input.activityId)!;
					if (JSON.stringify(normal(input)) === JSON.stringify(normal(inputOf(before)))) continue;
					try {
						await writeActivity(tx, report, who, planId, input);
						changed++;
					} catch (e) {
						if (!(e instanceof DomainError) || e.status === 403) throw e;
						const at = (e.field && where.get(`${input.activityId}:${e.field}`)) || {
							sheet: fn.activities,
							line,
							column: ACT.id
						};
						problem(at.sheet, at.line, at.column, e.code, e.params);
					}
				}
				if (problems.length) throw new Refused();
				await audit.record(tx, {
					userId: who.id,
					municipalityId: report.municipalityId,
					entity: 'report',
					entityId: report.id,
					action: 'import_form',
					after: { activities: changed }
				});
				return changed;
			},
			o
		);
		return { ok: true, activities: written };
	} catch (e) {
		if (e instanceof Refused) return { ok: false, problems };
		if (e instanceof DomainError && e.code === 'report_form_stale') return refused(e.code);
		throw e;
	}
}

/** An input as it would be stored, to tell an untouched row from a changed one. */
function normal(input: ActivityReportInput) {
	const t = (s: string | undefined) => (s ?? '').trim();
	const money = (s: string) => {
		const p = parseMoneyInput(s.trim() === '' ? '0' : s);
		return s.trim() === '' ? '' : p.ok ? p.value : s;
	};
	const fig = (s: string | undefined) =>
		t(s) === '' ? '' : String(Number(t(s).replace(',', '.')));
	return {
		status: input.status,
		reason: input.reason,
		reasonText: t(input.reasonText),
		narrative: t(input.narrative),
		problems: t(input.problems),
		actuals: Object.entries(input.actuals)
			.sort(([a], [b]) => Number(a) - Number(b))
			.map(([k, f]) => [
				k,
				fig(f.total),
				fig(f.female),
				fig(f.male),
				Object.entries(f.age ?? {}).map(([b, v]) => [b, fig(v)]),
				Object.entries(f.disability ?? {}).map(([d, v]) => [d, fig(v)])
			]),
		spending: Object.entries(input.spending)
			.sort(([a], [b]) => Number(a) - Number(b))
			.map(([k, s]) => [k, money(s.spent), s.women, s.men, s.girls, s.boys])
	};
}
