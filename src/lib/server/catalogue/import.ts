import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { sendInTransaction } from '../jobs';
import { MAX_UPLOAD_BYTES } from '../limits';
import { checkZip, type ZipLimits } from '../zip';
import { parseDeadline } from '../../deadline';
import { safeUrl } from '../../url';
import { jsonLineOf, readPlanJson } from './json-file';
import { loadPlanFile } from './load';
import { can } from './permissions';
import {
	PLAN_KINDS,
	PLAN_STATUSES,
	countLevels,
	measuresOf,
	normalizePlanFile,
	type BodyFile,
	type FundingSourceFile,
	type LevelCounts,
	type PlanFile,
	type PlanMeta
} from './plan-file';
import {
	TEMPLATE_COLUMNS,
	planToRows,
	readCsvTable,
	readXlsx,
	rowsToPlan,
	type TableRow
} from './tabular';

export type ImportFormat = 'csv' | 'xlsx' | 'json';

export interface CatalogueProblem {
	line: number;
	code: string;
	params?: Record<string, string | number>;
}

/** What a check found, as the import page shows it (kept on the import row as JSON). */
export interface CheckReport {
	format: ImportFormat | null;
	problems: CatalogueProblem[];
	rows: number;
	counts: LevelCounts | null;
	planKey: string | null;
	/** the plan's current version, which loading would follow */
	existingVersion: number | null;
}

export interface DryRun extends CheckReport {
	/** the plan ready to load; set only when there is no problem */
	file: PlanFile | null;
}

export const MAX_IMPORT_BYTES = MAX_UPLOAD_BYTES;

/**
 * What an XLSX may unpack to. A workbook of the template has 18 entries and inflates to about
 * 6 times its size (the 117-measure 2018–2020 plan: 76 KB → 0.5 MB); 32 MB is some 19 000
 * measures, about the MAX_ROWS a table may have.
 */
export const XLSX_LIMITS: ZipLimits = { maxEntries: 200, maxTotalBytes: 32 * 1024 * 1024 };

/** The plan's details typed in the import form, for CSV and XLSX files that carry only the table. */
export interface MetaInput {
	key?: string;
	kind?: string;
	titleKy?: string;
	titleRu?: string;
	titleEn?: string;
	periodStart?: string | number;
	periodEnd?: string | number;
	status?: string;
	actType?: string;
	actNumber?: string;
	actDate?: string;
}

/** Recognises the format by content, not by the name: XLSX is a ZIP, JSON starts with a brace. */
export function detectFormat(bytes: Uint8Array): ImportFormat | null {
	if (
		bytes.length >= 4 &&
		bytes[0] === 0x50 &&
		bytes[1] === 0x4b &&
		bytes[2] === 0x03 &&
		bytes[3] === 0x04
	)
		return 'xlsx';
	let text: string;
	try {
		// stream: a multi-byte letter cut at the 64 KiB mark is not an encoding error
		text = new TextDecoder('utf-8', { fatal: true })
			.decode(bytes.subarray(0, 65536), { stream: true })
			.replace(/^\uFEFF/, '')
			.trimStart();
	} catch {
		return null;
	}
	if (text.startsWith('{')) return 'json';
	// a table: printable text whose first line has a separator
	// eslint-disable-next-line no-control-regex -- control characters are what this refuses
	if (/^[^\n]*[,;][^\n]*/.test(text) && !/[\u0000-\u0008\u000e-\u001f]/.test(text)) return 'csv';
	return null;
}

function metaProblems(meta: Partial<PlanMeta>): CatalogueProblem[] {
	const problems: CatalogueProblem[] = [];
	const add = (code: string, params?: Record<string, string | number>) =>
		problems.push({ line: 0, code, params });
	if (!meta.key || !/^[a-z0-9][a-z0-9-]{1,80}$/.test(meta.key))
		add('import_meta_key', { value: meta.key ?? '' });
	if (!meta.kind || !PLAN_KINDS.includes(meta.kind))
		add('import_meta_kind', { value: meta.kind ?? '' });
	if (!meta.title?.ky?.trim()) add('import_meta_title');
	const ok = (y: unknown) => Number.isInteger(y) && (y as number) >= 1990 && (y as number) <= 2100;
	if (
		!ok(meta.periodStart) ||
		!ok(meta.periodEnd) ||
		(meta.periodEnd as number) < (meta.periodStart as number)
	)
		add('import_meta_period');
	if (!meta.status || !PLAN_STATUSES.includes(meta.status))
		add('import_meta_status', { value: meta.status ?? '' });
	if (meta.act?.date && !/^\d{4}-\d{2}-\d{2}$/.test(meta.act.date))
		add('import_meta_act_date', { value: meta.act.date });
	// the public catalogue links to the act: only a web address may become a link
	if (meta.act?.url && !safeUrl(meta.act.url))
		add('import_meta_act_url', { value: meta.act.url.slice(0, 200) });
	return problems;
}

function metaFromInput(input: MetaInput, fromFile: Partial<PlanMeta> | null): Partial<PlanMeta> {
	const pick = (a: string | undefined, b: string | undefined | null) =>
		a && a.trim() !== '' ? a.trim() : (b ?? undefined);
	const year = (v: string | number | undefined, fallback: number | undefined) =>
		v !== undefined && String(v).trim() !== '' ? Number(String(v).trim()) : fallback;
	const actNumber = pick(input.actNumber, fromFile?.act?.number);
	const actType = pick(input.actType, fromFile?.act?.type);
	return {
		key: pick(input.key, fromFile?.key),
		kind: pick(input.kind, fromFile?.kind) as PlanMeta['kind'],
		title: {
			ky: pick(input.titleKy, fromFile?.title?.ky) ?? '',
			ru: pick(input.titleRu, fromFile?.title?.ru) ?? null,
			en: pick(input.titleEn, fromFile?.title?.en) ?? null
		},
		periodStart: year(input.periodStart, fromFile?.periodStart),
		periodEnd: year(input.periodEnd, fromFile?.periodEnd),
		status: (pick(input.status, fromFile?.status) ?? 'draft') as PlanMeta['status'],
		act:
			actType || actNumber
				? {
						type: actType ?? 'other',
						number: actNumber ?? null,
						date: pick(input.actDate, fromFile?.act?.date) ?? null,
						url: fromFile?.act?.url ?? null,
						title: fromFile?.act?.title ?? null
					}
				: null,
		complete: fromFile?.complete ?? true,
		note: fromFile?.note ?? null,
		replaces: fromFile?.replaces ?? null,
		source: fromFile?.source ?? null
	};
}

export interface Registries {
	bodies: BodyFile[];
	fundingSources: FundingSourceFile[];
}

/** The bodies and funding sources the catalogue knows. */
export async function registries(sql: Sql): Promise<Registries> {
	const bodies = await sql<
		{
			code: string;
			abbr: string | null;
			variants: string[];
			nameKy: string;
			nameRu: string | null;
			nameEn: string | null;
			kind: BodyFile['kind'];
			level: BodyFile['level'];
		}[]
	>`
		select code, abbr, variants, name_ky, name_ru, name_en, kind, level
		from body`;
	const funding = await sql<
		{ code: string; nameKy: string; nameRu: string | null; nameEn: string | null }[]
	>`
		select code, name_ky, name_ru, name_en
		from funding_source`;
	return {
		bodies: bodies.map((b): BodyFile => ({
			code: b.code,
			abbr: b.abbr,
			variants: b.variants,
			name: { ky: b.nameKy, ru: b.nameRu, en: b.nameEn },
			kind: b.kind,
			level: b.level
		})),
		fundingSources: funding.map((f): FundingSourceFile => ({
			code: f.code,
			name: { ky: f.nameKy, ru: f.nameRu, en: f.nameEn }
		}))
	};
}

/** The registries with what a JSON file defines itself; what the catalogue knows wins. */
function withExtras(known: Registries, extra: Partial<Registries>): Registries {
	const bodies = new Set(known.bodies.map((b) => b.code));
	const funding = new Set(known.fundingSources.map((f) => f.code));
	return {
		bodies: [...known.bodies, ...(extra.bodies ?? []).filter((b) => !bodies.has(b.code))],
		fundingSources: [
			...known.fundingSources,
			...(extra.fundingSources ?? []).filter((f) => !funding.has(f.code))
		]
	};
}

type FileCheck = Omit<DryRun, 'existingVersion' | 'planKey'>;

const refused = (format: ImportFormat | null, problems: CatalogueProblem[]): FileCheck => ({
	format,
	problems,
	rows: 0,
	counts: null,
	file: null
});

/**
 * Reads a file (CSV, XLSX or JSON) and checks every row against the template and the registries.
 * Pure: touches no database. Never throws for what is in the file: whatever is wrong with it comes
 * back as problems with their lines, and `file` is set only when there is none.
 */
export async function checkFile(
	input: { bytes: Uint8Array; meta: MetaInput },
	known: Registries
): Promise<FileCheck> {
	if (input.bytes.length === 0) return refused(null, [{ line: 0, code: 'import_empty' }]);
	if (input.bytes.length > MAX_IMPORT_BYTES)
		return refused(null, [
			{ line: 0, code: 'import_file_too_large_mb', params: { max: MAX_IMPORT_BYTES / 1024 / 1024 } }
		]);
	const format = detectFormat(input.bytes);
	if (!format) return refused(null, [{ line: 0, code: 'import_unknown_format' }]);

	let rows: TableRow[];
	let structural: CatalogueProblem[] = [];
	let metaFromFile: Partial<PlanMeta> | null = null;
	let extra: Partial<Registries> = {};
	let jsonText: string | null = null;
	if (format === 'json') {
		jsonText = new TextDecoder().decode(input.bytes).replace(/^\uFEFF/, '');
		const read = readPlanJson(jsonText);
		if (!read.file) return refused(format, read.problems);
		const file = read.file;
		metaFromFile = file.plan;
		extra = { bodies: file.bodies ?? [], fundingSources: file.fundingSources ?? [] };
		try {
			rows = planToRows(
				normalizePlanFile({
					...file,
					bodies: file.bodies ?? [],
					fundingSources: file.fundingSources ?? []
				})
			).map((cells, i) => ({ line: i + 1, cells }));
		} catch {
			return refused(format, [{ line: 1, code: 'import_json_shape' }]);
		}
	} else if (format === 'xlsx') {
		// the archive's directory and real sizes first: exceljs (JSZip) would inflate whatever it declares
		const zip = await checkZip(input.bytes, XLSX_LIMITS);
		if (!zip.ok)
			return refused(format, [
				{ line: 0, code: zip.code, ...('params' in zip ? { params: zip.params } : {}) }
			]);
		try {
			const read = await readXlsx(input.bytes);
			rows = read.rows;
			metaFromFile = read.meta;
		} catch {
			return refused(format, [{ line: 0, code: 'import_not_xlsx' }]);
		}
	} else {
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
		} catch {
			return refused(format, [{ line: 0, code: 'import_not_utf8' }]);
		}
		({ rows, problems: structural } = readCsvTable(text));
	}

	const meta = metaFromInput(format === 'json' ? {} : input.meta, metaFromFile);
	const period = { from: meta.periodStart ?? 1990, to: meta.periodEnd ?? 2100 };
	const result = rowsToPlan(rows, meta as PlanMeta, withExtras(known, extra), (raw) =>
		parseDeadline(raw, period)
	);
	// a table whose every row was refused for its structure is not also "empty"
	const rowProblems = structural.length
		? result.problems.filter((p) => p.code !== 'import_empty')
		: result.problems;
	const all = [...metaProblems(meta), ...structural, ...rowProblems];
	if (jsonText !== null) {
		// table lines mean nothing in a JSON file: point at the measure's id, or the act's URL, instead
		const idColumn = TEMPLATE_COLUMNS.indexOf('measure_id');
		const ids = rows.map((r) => r.cells[idColumn] ?? '');
		for (const p of all) {
			if (p.line > 1) {
				// table line n is rows[n - 1]: there is an id for every line a problem names
				const id = ids[p.line - 1];
				if (id !== undefined) p.line = jsonLineOf(jsonText, id) || p.line;
			} else if (p.code === 'import_meta_act_url' && meta.act?.url)
				p.line = jsonLineOf(jsonText, meta.act.url);
		}
	}
	all.sort((a, b) => a.line - b.line);
	const file =
		all.length === 0 && result.file
			? normalizePlanFile({ ...result.file, plan: meta as PlanMeta })
			: null;
	return {
		format,
		problems: all,
		rows: Math.max(rows.length - 1, 0) + structural.length,
		counts: file ? countLevels(file) : null,
		file
	};
}

async function currentVersion(sql: Sql, key: string | undefined): Promise<number | null> {
	if (!key) return null;
	const [row] = await sql<{ number: number }[]>`
		select v.number
		from catalogue_version v
		join national_plan p on p.id = v.plan_id
		where p.key = ${key} and v.is_current`;
	return row?.number ?? null;
}

/** checkFile against the catalogue's registries, with the version loading would follow. Writes nothing. */
export async function dryRun(
	sql: Sql,
	actor: Actor | null,
	input: { bytes: Uint8Array; meta: MetaInput }
): Promise<DryRun> {
	if (!can(actor, 'import')) throw new Forbidden();
	const checked = await checkFile(input, await registries(sql));
	const planKey = checked.file?.plan.key ?? null;
	return { ...checked, planKey, existingVersion: await currentVersion(sql, planKey ?? undefined) };
}

export type ImportStatus = 'checking' | 'checked' | 'queued' | 'running' | 'done' | 'failed';

export interface ImportRow {
	id: number;
	createdAt: Date;
	filename: string;
	format: ImportFormat | null;
	planKey: string;
	status: ImportStatus;
	progress: number;
	total: number;
	versionId: number | null;
	planId: number | null;
	versionNumber: number | null;
	error: string | null;
	/** the plan's details as typed in the form */
	meta: MetaInput;
	/** the check's findings, once the check has run */
	report: CheckReport | null;
	/** load the file right after a clean check ("Import") rather than stop at the report ("Check") */
	thenImport: boolean;
}

/**
 * Keeps an uploaded file and queues its check: the web process only stores the bytes, the
 * `catalogue.check` job reads them (runCheck). With `thenImport`, a clean check goes on to load.
 */
export async function queueCheck(
	sql: Sql,
	boss: PgBoss,
	actor: Actor | null,
	input: { bytes: Uint8Array; meta: MetaInput; filename: string; thenImport: boolean }
): Promise<number> {
	if (!can(actor, 'import')) throw new Forbidden();
	if (input.bytes.length === 0) throw new DomainError('import_empty');
	if (input.bytes.length > MAX_IMPORT_BYTES)
		throw new DomainError('import_file_too_large_mb', 400, { max: MAX_IMPORT_BYTES / 1024 / 1024 });
	return transaction(sql, async (tx) => {
		const row = (
			await tx<{ id: number }[]>`
			insert into catalogue_import (created_by, filename, status, upload, meta, then_import)
			values (${actor.id}, ${input.filename.slice(0, 200)}, 'checking', ${Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength)},
				${tx.json(input.meta as never)}, ${input.thenImport})
			returning id`
		)[0]!;
		await sendInTransaction(boss, tx, 'catalogue.check', { importId: row.id });
		return row.id;
	});
}

/** Marks a checked import for loading and queues the load, with the audit record, in one transaction. */
async function queueLoad(
	tx: Sql,
	boss: PgBoss,
	importId: number,
	userId: number | null,
	report: CheckReport
): Promise<void> {
	await tx`
		update catalogue_import
		set status = 'queued'
		where id = ${importId}`;
	await sendInTransaction(boss, tx, 'catalogue.import', { importId });
	await audit.record(tx, {
		userId,
		entity: 'catalogue_import',
		entityId: importId,
		action: 'queue',
		after: { key: report.planKey, counts: report.counts }
	});
}

/**
 * The check job: reads the stored upload (checkFile), keeps the report and the checked plan on the
 * import row and drops the bytes. A clean check of an "Import" goes on to the load job.
 */
export async function runCheck(sql: Sql, boss: PgBoss, importId: number): Promise<void> {
	const [row] = await sql<
		{
			upload: Buffer | null;
			meta: MetaInput;
			status: ImportStatus;
			thenImport: boolean;
			createdBy: number | null;
		}[]
	>`
		select upload, meta, status, then_import, created_by
		from catalogue_import
		where id = ${importId}`;
	if (!row || row.status !== 'checking' || !row.upload) return;
	let checked: DryRun;
	try {
		const found = await checkFile(
			{ bytes: new Uint8Array(row.upload), meta: row.meta ?? {} },
			await registries(sql)
		);
		const planKey = found.file?.plan.key ?? null;
		checked = {
			...found,
			planKey,
			existingVersion: await currentVersion(sql, planKey ?? undefined)
		};
	} catch (e) {
		// checkFile reports what is wrong with a file; an exception here is our fault, said as such
		console.error('[catalogue.check]', e);
		checked = {
			format: null,
			problems: [{ line: 0, code: 'import_check_failed' }],
			rows: 0,
			counts: null,
			planKey: null,
			existingVersion: null,
			file: null
		};
	}
	const { file, ...report } = checked;
	await transaction(sql, async (tx) => {
		const [still] = await tx<{ status: ImportStatus }[]>`
			select status
			from catalogue_import
			where id = ${importId}
			for update`;
		if (still?.status !== 'checking') return;
		await tx`
			update catalogue_import
			set status = 'checked', upload = null, format = ${report.format}, plan_key = ${report.planKey ?? ''},
				report = ${tx.json(report as never)}, payload = ${file ? tx.json(file as never) : null},
				total = ${file ? measuresOf(file).length : 0}
			where id = ${importId}`;
		if (file && row.thenImport) await queueLoad(tx, boss, importId, row.createdBy, report);
	});
}

/** Loads a file whose check found nothing ("Import" under a clean report); anything else is refused. */
export async function importChecked(
	sql: Sql,
	boss: PgBoss,
	actor: Actor | null,
	importId: number
): Promise<void> {
	if (!can(actor, 'import')) throw new Forbidden();
	await transaction(sql, async (tx) => {
		const [row] = await tx<
			{ status: ImportStatus; report: CheckReport | null; hasPayload: boolean }[]
		>`
			select status, report, payload is not null as has_payload
			from catalogue_import
			where id = ${importId}
			for update`;
		if (!row) throw new DomainError('error_not_found', 404);
		if (row.status !== 'checked' || !row.hasPayload || !row.report || row.report.problems.length)
			throw new DomainError('import_not_checked', 409);
		await queueLoad(tx, boss, importId, actor.id, row.report);
	});
}

/** The load job: loads the checked plan, keeping progress on the import row for the page that watches it. */
export async function runImport(sql: Sql, importId: number): Promise<void> {
	const [row] = await sql<
		{ payload: PlanFile | null; status: ImportStatus; createdBy: number | null }[]
	>`
		select payload, status, created_by
		from catalogue_import
		where id = ${importId}`;
	// only a file whose check passed and that someone chose to import is ever loaded
	if (!row || !row.payload || (row.status !== 'queued' && row.status !== 'running')) return;
	await sql`update catalogue_import set status = 'running', progress = 0 where id = ${importId}`;
	try {
		const result = await loadPlanFile(sql, row.payload, {
			userId: row.createdBy,
			onProgress: async (done) => {
				// outside the load's transaction: a second connection, so the page sees it move
				await sql`update catalogue_import set progress = ${done} where id = ${importId}`;
			}
		});
		await sql`update catalogue_import set status = 'done', progress = total, version_id = ${result.versionId}, finished_at = now() where id = ${importId}`;
	} catch (e) {
		const message =
			e instanceof DomainError ? e.code : String((e as Error)?.message ?? e).slice(0, 500);
		await sql`update catalogue_import set status = 'failed', error = ${message}, finished_at = now() where id = ${importId}`;
		if (!(e instanceof DomainError)) throw e;
	}
}

export async function getImport(
	sql: Sql,
	actor: Actor | null,
	importId: number
): Promise<ImportRow> {
	if (!can(actor, 'import')) throw new Forbidden();
	const [row] = await sql<ImportRow[]>`
		select i.id, i.created_at, i.filename, i.format, i.plan_key, i.status, i.progress, i.total, i.version_id, i.error,
			i.meta, i.report, i.then_import, v.plan_id, v.number as version_number
		from catalogue_import i
		left join catalogue_version v on v.id = i.version_id
		where i.id = ${importId}`;
	if (!row) throw new DomainError('error_not_found', 404);
	return row;
}

/** Forgets uploads that were checked but never imported (or whose check never ran) after a week: their bytes and plans are not kept for ever. */
export async function deleteStaleChecks(sql: Sql): Promise<number> {
	const rows = await sql`
		delete from catalogue_import
		where status in ('checking', 'checked')
			and created_at < now() - interval '7 days'
		returning id`;
	return rows.length;
}
