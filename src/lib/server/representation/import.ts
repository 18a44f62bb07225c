/**
 * The registry from a spreadsheet: a template to fill (one row per body), a dry run that says what
 * loading it would change, row by row, and the import itself, which loads all rows or none. The
 * upload is measured before anything unpacks it (zip.ts, with the catalogue import's limits) and
 * read in a worker thread (workbook-reader.ts), as the catalogue import does.
 */
import ExcelJS from 'exceljs';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { checkZip } from '../zip';
import { addXlsxRow } from '../sheet';
import { XLSX_LIMITS } from '../catalogue/import';
import { readWorkbookCells } from '../catalogue/workbook-reader';
import { ENTERED_KINDS, type PositionSex } from '../../representation/vocabulary';
import { can, type RepresentationScope } from './permissions';
import { checkBody, insertBody, lockRegistry, overwriteBody, type CleanBody } from './bodies';

/** The template's columns, in order; the header row names them so. */
export const COLUMNS = [
	'kind',
	'name_ky',
	'name_ru',
	'women',
	'men',
	'head_sex',
	'deputy_sex'
] as const;

/** Most bodies one file may carry: a municipality has a few dozen. */
export const MAX_ROWS = 500;

/** How long a checked file waits for its import. */
const PENDING_HOURS = 24;

/** What a sex cell may say: the code, or the word in Kyrgyz or Russian. */
const SEX_WORDS: Record<string, PositionSex> = {
	female: 'female',
	f: 'female',
	аял: 'female',
	ж: 'female',
	женщина: 'female',
	жен: 'female',
	male: 'male',
	m: 'male',
	эркек: 'male',
	э: 'male',
	мужчина: 'male',
	муж: 'male',
	м: 'male'
};

export interface RowProblem {
	/** the row's number in the sheet; 0 for the file as a whole */
	line: number;
	code: string;
	params?: Record<string, string | number>;
}

export interface Change {
	line: number;
	action: 'create' | 'update' | 'same';
	body: CleanBody;
	/** for an update: what the body holds now */
	before: CleanBody | null;
}

export interface DryRun {
	problems: RowProblem[];
	changes: Change[];
}

/** The labels the template's notes sheet is written in (the route passes the user's language). */
export type Label = (key: string, params?: Record<string, string | number>) => string;

/** The template: the bodies sheet with its header, two example rows and lists to pick from, and a sheet of notes. */
export async function template(label: Label): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('bodies');
	ws.columns = COLUMNS.map((c) => ({ header: c, key: c, width: c.startsWith('name') ? 45 : 18 }));
	ws.getRow(1).font = { bold: true };
	addXlsxRow(ws, [
		'kenesh_commission',
		'Билим берүү жана маданият боюнча туруктуу комиссия',
		'Постоянная комиссия по образованию и культуре',
		2,
		3,
		'male',
		'female'
	]);
	addXlsxRow(ws, [
		'school_board',
		'Мектептин камкорчулук кеңеши',
		'Попечительский совет школы',
		6,
		3,
		'female',
		''
	]);
	const kinds = `"${ENTERED_KINDS.join(',')}"`;
	for (let row = 2; row <= MAX_ROWS + 1; row++) {
		ws.getCell(row, 1).dataValidation = { type: 'list', allowBlank: true, formulae: [kinds] };
		for (const col of [6, 7])
			ws.getCell(row, col).dataValidation = {
				type: 'list',
				allowBlank: true,
				formulae: ['"female,male"']
			};
	}
	const notes = wb.addWorksheet('notes');
	notes.columns = [{ width: 24 }, { width: 90 }];
	addXlsxRow(notes, [label('representation_template_notes')]).font = { bold: true };
	for (const c of COLUMNS) addXlsxRow(notes, [c, label(`representation_column_${c}`)]);
	addXlsxRow(notes, []);
	for (const k of ENTERED_KINDS) addXlsxRow(notes, [k, label(`representation_kind_${k}`)]);
	addXlsxRow(notes, ['female', label('representation_sex_female')]);
	addXlsxRow(notes, ['male', label('representation_sex_male')]);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

const loose = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '_');

/** The rows of a workbook's first sheet as body inputs, with problems of the file as a whole. */
async function readRows(
	bytes: Uint8Array
): Promise<{ rows: { line: number; cells: string[] }[]; problems: RowProblem[] }> {
	const zip = await checkZip(bytes, XLSX_LIMITS);
	if (!zip.ok)
		return {
			rows: [],
			problems: [{ line: 0, code: zip.code, ...('params' in zip ? { params: zip.params } : {}) }]
		};
	let read;
	try {
		read = await readWorkbookCells(bytes);
	} catch {
		return { rows: [], problems: [{ line: 0, code: 'import_not_xlsx' }] };
	}
	const rows = read.rows
		.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) }))
		.filter((r) => r.cells.some((c) => c !== ''));
	const [header, ...body] = rows;
	if (!header || COLUMNS.some((c, i) => loose(header.cells[i] ?? '') !== c))
		return {
			rows: [],
			problems: [
				{
					line: header?.line ?? 1,
					code: 'representation_import_header',
					params: { columns: COLUMNS.join(', ') }
				}
			]
		};
	if (body.length === 0)
		return { rows: [], problems: [{ line: 0, code: 'representation_import_empty' }] };
	if (body.length > MAX_ROWS)
		return {
			rows: [],
			problems: [{ line: 0, code: 'representation_import_too_many', params: { max: MAX_ROWS } }]
		};
	return { rows: body, problems: [] };
}

function sexCell(value: string): string {
	const v = value.trim().toLowerCase();
	return v === '' ? '' : (SEX_WORDS[v] ?? v);
}

/** Checks each row as a body; a body named twice in the file is a problem of its second row. */
export function checkRows(rows: { line: number; cells: string[] }[]): {
	bodies: { line: number; body: CleanBody }[];
	problems: RowProblem[];
} {
	const problems: RowProblem[] = [];
	const bodies: { line: number; body: CleanBody }[] = [];
	const seen = new Map<string, number>();
	for (const { line, cells } of rows) {
		// in the order of COLUMNS; a row cut short reads as empty cells
		const [
			kind = '',
			nameKy = '',
			nameRu = '',
			women = '',
			men = '',
			headSex = '',
			deputySex = ''
		] = cells;
		const { clean, problems: found } = checkBody({
			kind: loose(kind),
			nameKy,
			nameRu,
			women,
			men,
			headSex: sexCell(headSex),
			deputySex: sexCell(deputySex)
		});
		for (const p of found)
			problems.push({
				line,
				code: p.code,
				params: {
					...p.params,
					column: COLUMNS[FIELD_COLUMN[p.field] ?? 0],
					value: cellOf(cells, p.field)
				}
			});
		if (!clean) continue;
		const key = `${clean.kind}\u0000${clean.nameKy.toLowerCase()}`;
		const first = seen.get(key);
		if (first !== undefined) {
			problems.push({ line, code: 'representation_import_twice', params: { first } });
			continue;
		}
		seen.set(key, line);
		bodies.push({ line, body: clean });
	}
	return { bodies, problems };
}

/** The column each field is read from, as its index in COLUMNS. */
const FIELD_COLUMN: Record<string, 0 | 1 | 2 | 3 | 4 | 5 | 6> = {
	kind: 0,
	nameKy: 1,
	nameRu: 2,
	women: 3,
	men: 4,
	headSex: 5,
	deputySex: 6
};
const cellOf = (cells: string[], field: string) =>
	(cells[FIELD_COLUMN[field] ?? 0] ?? '').slice(0, 60);

/** What loading these bodies would do to the registry as it is now (the caller holds the lock, or reads only). */
async function diff(
	sql: Sql,
	scope: RepresentationScope,
	bodies: { line: number; body: CleanBody }[]
): Promise<Change[]> {
	const existing = await sql<(CleanBody & { id: number })[]>`
		select id, kind, name_ky, name_ru, women, men, head_sex, deputy_sex
		from representation_body
		where municipality_id = ${scope.municipalityId}
			and kind <> 'kenesh'
		for update`;
	const byKey = new Map(existing.map((e) => [`${e.kind}\u0000${e.nameKy.toLowerCase()}`, e]));
	return bodies.map(({ line, body }) => {
		const found = byKey.get(`${body.kind}\u0000${body.nameKy.toLowerCase()}`);
		if (!found) return { line, action: 'create', body, before: null };
		const { id: _id, ...before } = found;
		const same = JSON.stringify({ ...before }) === JSON.stringify({ ...body });
		return { line, action: same ? 'same' : 'update', body, before };
	});
}

/**
 * The dry run (staff only): reads the file and says, row by row, what importing it would change.
 * A file with any problem is kept nowhere; a clean one waits (as checked rows) for `apply`.
 */
export async function check(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope,
	bytes: Uint8Array
): Promise<DryRun & { importId: number | null }> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	const read = await readRows(bytes);
	if (read.problems.length > 0) return { problems: read.problems, changes: [], importId: null };
	const { bodies, problems } = checkRows(read.rows);
	if (problems.length > 0) return { problems, changes: [], importId: null };
	return transaction(sql, async (tx) => {
		// checks nobody confirmed in time go, so the table holds at most a day of them
		await tx`
			delete from representation_import
			where municipality_id = ${scope.municipalityId}
				and created_at < now() - make_interval(hours => ${PENDING_HOURS})`;
		const changes = await diff(tx, scope, bodies);
		const { id } = (
			await tx<{ id: number }[]>`
			insert into representation_import (municipality_id, user_id, rows)
			values (${scope.municipalityId}, ${actor.id}, ${tx.json(bodies as never)})
			returning id`
		)[0]!;
		return { problems: [], changes, importId: Number(id) };
	});
}

async function pendingRows(
	tx: Sql,
	scope: RepresentationScope,
	importId: number,
	lock: boolean
): Promise<{ line: number; body: CleanBody }[]> {
	const [row] = await tx<{ rows: { line: number; body: CleanBody }[] }[]>`
		select rows
		from representation_import
		where id = ${importId}
			and municipality_id = ${scope.municipalityId}
			and imported_at is null
			and created_at > now() - make_interval(hours => ${PENDING_HOURS})
		${lock ? tx`for update` : tx``}`;
	if (!row) throw new DomainError('representation_import_gone', 404);
	// stored by check(); checked again, so what loads always passed today's rules
	const again = checkRows(
		row.rows.map(({ line, body }) => ({
			line,
			cells: [
				body.kind,
				body.nameKy,
				body.nameRu,
				String(body.women),
				String(body.men),
				body.headSex ?? '',
				body.deputySex ?? ''
			]
		}))
	);
	if (again.problems.length > 0) throw new DomainError('representation_import_gone', 404);
	return again.bodies;
}

/** A checked file's changes as they would be now (staff only), for the page that confirms them. */
export async function pending(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope,
	importId: number
): Promise<Change[]> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	return transaction(sql, async (tx) =>
		diff(tx, scope, await pendingRows(tx, scope, importId, false))
	);
}

/**
 * Loads a checked file (staff only): every row is created or updated in one transaction, under the
 * registry's lock, so it all loads or nothing does; bodies the file does not name stay as they are.
 */
export async function apply(
	sql: Sql,
	actor: Actor | null,
	scope: RepresentationScope,
	importId: number
): Promise<{ created: number; updated: number; unchanged: number }> {
	if (!can(actor, 'manage', scope)) throw new Forbidden();
	return transaction(sql, async (tx) => {
		await lockRegistry(tx, scope.municipalityId);
		const bodies = await pendingRows(tx, scope, importId, true);
		const changes = await diff(tx, scope, bodies);
		return loadChanges(tx, actor, scope, importId, changes);
	});
}

async function loadChanges(
	tx: Sql,
	actor: Actor,
	scope: RepresentationScope,
	importId: number,
	changes: Change[]
) {
	const counts = { created: 0, updated: 0, unchanged: 0 };
	const ids = await tx<{ id: number; kind: string; nameKy: string }[]>`
		select id, kind, name_ky
		from representation_body
		where municipality_id = ${scope.municipalityId}
			and kind <> 'kenesh'`;
	const idOf = new Map(ids.map((r) => [`${r.kind}\u0000${r.nameKy.toLowerCase()}`, Number(r.id)]));
	for (const c of changes) {
		if (c.action === 'create') {
			await insertBody(tx, actor.id, scope, c.body, 'import');
			counts.created++;
		} else if (c.action === 'update') {
			const id = idOf.get(`${c.body.kind}\u0000${c.body.nameKy.toLowerCase()}`)!;
			await overwriteBody(tx, actor.id, scope, id, c.before!, c.body, 'import');
			counts.updated++;
		} else counts.unchanged++;
	}
	await tx`update representation_import set imported_at = now() where id = ${importId}`;
	await audit.record(tx, {
		userId: actor.id,
		municipalityId: scope.municipalityId,
		entity: 'representation_import',
		entityId: importId,
		action: 'import',
		after: counts
	});
	return counts;
}
