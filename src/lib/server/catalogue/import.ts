import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { parseCsv } from '../csv';
import { sendInTransaction } from '../jobs';
import { parseDeadline } from '../../deadline';
import { loadPlanFile } from './load';
import { can } from './permissions';
import {
	BODY_KINDS,
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
import { TEMPLATE_COLUMNS, planToRows, readXlsx, rowsToPlan } from './tabular';

export type ImportFormat = 'csv' | 'xlsx' | 'json';

export interface CatalogueProblem {
	line: number;
	code: string;
	params?: Record<string, string | number>;
}

export interface DryRun {
	format: ImportFormat | null;
	problems: CatalogueProblem[];
	rows: number;
	counts: LevelCounts | null;
	file: PlanFile | null;
	/** what loading would do to an existing plan */
	existingVersion: number | null;
}

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

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
	if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
	let text: string;
	try {
		// stream: a multi-byte letter cut at the 64 KiB mark is not an encoding error
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 65536), { stream: true }).replace(/^\uFEFF/, '').trimStart();
	} catch {
		return null;
	}
	if (text.startsWith('{')) return 'json';
	// a table: printable text whose first line has a separator
	if (/^[^\n]*[,;][^\n]*/.test(text) && !/[\u0000-\u0008\u000e-\u001f]/.test(text)) return 'csv';
	return null;
}

function metaProblems(meta: Partial<PlanMeta>): CatalogueProblem[] {
	const problems: CatalogueProblem[] = [];
	const add = (code: string, params?: Record<string, string | number>) => problems.push({ line: 0, code, params });
	if (!meta.key || !/^[a-z0-9][a-z0-9-]{1,80}$/.test(meta.key)) add('import_meta_key', { value: meta.key ?? '' });
	if (!meta.kind || !PLAN_KINDS.includes(meta.kind)) add('import_meta_kind', { value: meta.kind ?? '' });
	if (!meta.title?.ky?.trim()) add('import_meta_title');
	const ok = (y: unknown) => Number.isInteger(y) && (y as number) >= 1990 && (y as number) <= 2100;
	if (!ok(meta.periodStart) || !ok(meta.periodEnd) || (meta.periodEnd as number) < (meta.periodStart as number)) add('import_meta_period');
	if (!meta.status || !PLAN_STATUSES.includes(meta.status)) add('import_meta_status', { value: meta.status ?? '' });
	if (meta.act?.date && !/^\d{4}-\d{2}-\d{2}$/.test(meta.act.date)) add('import_meta_act_date', { value: meta.act.date });
	return problems;
}

function metaFromInput(input: MetaInput, fromFile: Partial<PlanMeta> | null): Partial<PlanMeta> {
	const pick = (a: string | undefined, b: string | undefined | null) => (a && a.trim() !== '' ? a.trim() : b ?? undefined);
	const year = (v: string | number | undefined, fallback: number | undefined) => (v !== undefined && String(v).trim() !== '' ? Number(String(v).trim()) : fallback);
	const actNumber = pick(input.actNumber, fromFile?.act?.number);
	const actType = pick(input.actType, fromFile?.act?.type);
	return {
		key: pick(input.key, fromFile?.key),
		kind: pick(input.kind, fromFile?.kind) as PlanMeta['kind'],
		title: { ky: pick(input.titleKy, fromFile?.title?.ky) ?? '', ru: pick(input.titleRu, fromFile?.title?.ru) ?? null, en: pick(input.titleEn, fromFile?.title?.en) ?? null },
		periodStart: year(input.periodStart, fromFile?.periodStart),
		periodEnd: year(input.periodEnd, fromFile?.periodEnd),
		status: (pick(input.status, fromFile?.status) ?? 'draft') as PlanMeta['status'],
		act: actType || actNumber ? { type: actType ?? 'other', number: actNumber ?? null, date: pick(input.actDate, fromFile?.act?.date) ?? null, url: fromFile?.act?.url ?? null, title: fromFile?.act?.title ?? null } : null,
		complete: fromFile?.complete ?? true,
		note: fromFile?.note ?? null,
		replaces: fromFile?.replaces ?? null,
		source: fromFile?.source ?? null
	};
}

/** The line in a JSON text where a measure's id is written, so JSON problems point somewhere too. */
function jsonLineOf(text: string, id: string): number {
	const at = text.indexOf(`"${id}"`);
	return at < 0 ? 0 : text.slice(0, at).split('\n').length;
}

/** Structural check of a JSON plan file: the shape FORMAT.md describes. */
function jsonShapeProblems(value: unknown): CatalogueProblem[] {
	const v = value as Partial<PlanFile> | null;
	if (!v || typeof v !== 'object' || !v.plan || !Array.isArray(v.chapters)) return [{ line: 1, code: 'import_json_shape' }];
	for (const b of v.bodies ?? []) {
		if (!b || typeof b.code !== 'string' || !/^[A-Z0-9_]+$/.test(b.code) || !b.name?.ky || !BODY_KINDS.includes(b.kind)) {
			return [{ line: 1, code: 'import_json_body', params: { value: String(b?.code ?? '') } }];
		}
	}
	return [];
}

async function registries(sql: Sql, extra: { bodies?: BodyFile[]; fundingSources?: FundingSourceFile[] } = {}) {
	const bodies = await sql<{ code: string; abbr: string | null; variants: string[]; nameKy: string; nameRu: string | null; nameEn: string | null; kind: BodyFile['kind']; level: BodyFile['level'] }[]>`select * from body`;
	const funding = await sql<{ code: string; nameKy: string; nameRu: string | null; nameEn: string | null }[]>`select * from funding_source`;
	const known = new Set(bodies.map((b) => b.code));
	const knownF = new Set(funding.map((f) => f.code));
	return {
		bodies: [
			...bodies.map((b): BodyFile => ({ code: b.code, abbr: b.abbr, variants: b.variants, name: { ky: b.nameKy, ru: b.nameRu, en: b.nameEn }, kind: b.kind, level: b.level })),
			...(extra.bodies ?? []).filter((b) => !known.has(b.code))
		],
		fundingSources: [
			...funding.map((f): FundingSourceFile => ({ code: f.code, name: { ky: f.nameKy, ru: f.nameRu, en: f.nameEn } })),
			...(extra.fundingSources ?? []).filter((f) => !knownF.has(f.code))
		]
	};
}

/**
 * Reads an uploaded plan (CSV, XLSX or JSON) and checks every row against the template and the
 * registries. Writes nothing. Every problem is reported with its line; `file` is set only when there is none.
 */
export async function dryRun(sql: Sql, actor: Actor | null, input: { bytes: Uint8Array; meta: MetaInput }): Promise<DryRun> {
	if (!can(actor, 'import')) throw new Forbidden();
	const empty = (format: ImportFormat | null, problems: CatalogueProblem[]): DryRun => ({ format, problems, rows: 0, counts: null, file: null, existingVersion: null });
	if (input.bytes.length === 0) return empty(null, [{ line: 0, code: 'import_empty' }]);
	if (input.bytes.length > MAX_IMPORT_BYTES) return empty(null, [{ line: 0, code: 'import_file_too_large_mb', params: { max: MAX_IMPORT_BYTES / 1024 / 1024 } }]);
	const format = detectFormat(input.bytes);
	if (!format) return empty(null, [{ line: 0, code: 'import_unknown_format' }]);

	let rows: { line: number; cells: string[] }[];
	let metaFromFile: Partial<PlanMeta> | null = null;
	let extra: { bodies?: BodyFile[]; fundingSources?: FundingSourceFile[] } = {};
	let jsonText: string | null = null;
	if (format === 'json') {
		jsonText = new TextDecoder().decode(input.bytes).replace(/^\uFEFF/, '');
		let parsed: unknown;
		try {
			parsed = JSON.parse(jsonText);
		} catch (e) {
			const pos = /position (\d+)/.exec(String(e))?.[1];
			const line = pos ? jsonText.slice(0, Number(pos)).split('\n').length : 1;
			return empty(format, [{ line, code: 'import_json_syntax' }]);
		}
		const shape = jsonShapeProblems(parsed);
		if (shape.length) return empty(format, shape);
		const file = parsed as PlanFile;
		metaFromFile = file.plan;
		extra = { bodies: file.bodies ?? [], fundingSources: file.fundingSources ?? [] };
		try {
			rows = planToRows(normalizePlanFile({ ...file, bodies: file.bodies ?? [], fundingSources: file.fundingSources ?? [] })).map((cells, i) => ({ line: i + 1, cells }));
		} catch {
			return empty(format, [{ line: 1, code: 'import_json_shape' }]);
		}
	} else if (format === 'xlsx') {
		try {
			const read = await readXlsx(input.bytes);
			rows = read.rows;
			metaFromFile = read.meta;
		} catch {
			return empty(format, [{ line: 0, code: 'import_not_xlsx' }]);
		}
	} else {
		rows = parseCsv(new TextDecoder().decode(input.bytes));
	}

	const meta = metaFromInput(format === 'json' ? {} : input.meta, metaFromFile);
	const problems = metaProblems(meta);
	const reg = await registries(sql, extra);
	const period = { from: meta.periodStart ?? 1990, to: meta.periodEnd ?? 2100 };
	const result = rowsToPlan(rows, meta as PlanMeta, reg, (raw) => parseDeadline(raw, period));
	const all = [...problems, ...result.problems];
	if (jsonText && format === 'json') {
		// table lines mean nothing in a JSON file: point at the measure's id instead
		const idColumn = TEMPLATE_COLUMNS.indexOf('measure_id');
		const ids = rows.map((r) => r.cells[idColumn] ?? '');
		for (const p of all) if (p.line > 1) p.line = jsonLineOf(jsonText, ids[p.line - 1]) || p.line;
	}
	all.sort((a, b) => a.line - b.line);
	const file = all.length === 0 && result.file ? normalizePlanFile({ ...result.file, plan: meta as PlanMeta }) : null;
	const [existing] = meta.key ? await sql<{ number: number }[]>`select v.number from catalogue_version v join national_plan p on p.id = v.plan_id where p.key = ${meta.key} and v.is_current` : [];
	return {
		format,
		problems: all,
		rows: Math.max(rows.length - 1, 0),
		counts: file ? countLevels(file) : null,
		file,
		existingVersion: existing?.number ?? null
	};
}

export interface ImportRow {
	id: number;
	createdAt: Date;
	filename: string;
	format: ImportFormat;
	planKey: string;
	status: 'queued' | 'running' | 'done' | 'failed';
	progress: number;
	total: number;
	versionId: number | null;
	planId: number | null;
	versionNumber: number | null;
	error: string | null;
}

/**
 * Queues a checked plan for loading: the import row and its job are written in one transaction.
 * Checks again first, so a file that went bad between the dry run and the import writes nothing.
 */
export async function startImport(sql: Sql, boss: PgBoss, actor: Actor | null, input: { bytes: Uint8Array; meta: MetaInput; filename: string }): Promise<{ importId: number | null; report: DryRun }> {
	const report = await dryRun(sql, actor, input);
	if (!report.file || report.problems.length) return { importId: null, report };
	const file = report.file;
	const importId = await transaction(sql, async (tx) => {
		const [row] = await tx<{ id: number }[]>`
			insert into catalogue_import (created_by, filename, format, plan_key, payload, total)
			values (${actor!.id}, ${input.filename.slice(0, 200)}, ${report.format!}, ${file.plan.key}, ${tx.json(file as never)}, ${measuresOf(file).length})
			returning id`;
		await sendInTransaction(boss, tx, 'catalogue.import', { importId: row.id });
		await audit.record(tx, { userId: actor!.id, entity: 'catalogue_import', entityId: row.id, action: 'queue', after: { key: file.plan.key, counts: report.counts } });
		return row.id;
	});
	return { importId, report };
}

/** The job: loads the queued plan, keeping progress on the import row for the page that watches it. */
export async function runImport(sql: Sql, importId: number): Promise<void> {
	const [row] = await sql<{ payload: PlanFile; status: string; createdBy: number | null }[]>`
		select payload, status, created_by from catalogue_import where id = ${importId}`;
	if (!row || row.status === 'done') return;
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
		const message = e instanceof DomainError ? e.code : String((e as Error)?.message ?? e).slice(0, 500);
		await sql`update catalogue_import set status = 'failed', error = ${message}, finished_at = now() where id = ${importId}`;
		if (!(e instanceof DomainError)) throw e;
	}
}

export async function getImport(sql: Sql, actor: Actor | null, importId: number): Promise<ImportRow> {
	if (!can(actor, 'import')) throw new Forbidden();
	const [row] = await sql<ImportRow[]>`
		select i.id, i.created_at, i.filename, i.format, i.plan_key, i.status, i.progress, i.total, i.version_id, i.error,
			v.plan_id, v.number as version_number
		from catalogue_import i left join catalogue_version v on v.id = i.version_id where i.id = ${importId}`;
	if (!row) throw new DomainError('error_not_found', 404);
	return row;
}
