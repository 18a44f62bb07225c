import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { Forbidden } from '../errors';
import { can } from './permissions';
import { checkWidths, parseCsv } from '../csv';

export { parseCsv } from '../csv';

/** A bad row of an import: its line in the file and a message key with parameters. */
export interface ImportProblem {
	line: number;
	code: string;
	params?: Record<string, string | number>;
}

export interface ImportReport {
	rows: number;
	problems: ImportProblem[];
	imported: number;
	dryRun: boolean;
}

export const IMPORT_COLUMNS = [
	'soate_code',
	'kind',
	'parent_soate_code',
	'name_ky',
	'name_ru',
	'name_en'
] as const;
const IMPORT_KINDS = ['rayon', 'town', 'municipality'];
const MAX_ROWS = 5000;

interface Candidate {
	line: number;
	soate: string;
	kind: string;
	parentSoate: string;
	nameKy: string;
	nameRu: string;
	nameEn: string;
}

/** Checks every row against the file and the database; returns the rows ready to insert and every problem found. */
export async function validateImport(
	sql: Sql,
	text: string
): Promise<{ candidates: Candidate[]; problems: ImportProblem[] }> {
	const parsed = parseCsv(text);
	const { rows, problems } = checkWidths(parsed.rows, 0);
	// a quote left open or a shifted row is a problem of its line; nothing imports while there is one
	problems.unshift(...parsed.problems);
	const [headerRow] = rows;
	if (!headerRow)
		return {
			candidates: [],
			problems: problems.length ? problems : [{ line: 1, code: 'import_empty' }]
		};
	const header = headerRow.cells.map((c) => c.trim().toLowerCase());
	const missing = IMPORT_COLUMNS.filter((c) => !header.includes(c));
	if (missing.length > 0) {
		return {
			candidates: [],
			problems: [
				...problems,
				{
					line: headerRow.line,
					code: 'import_missing_columns',
					params: { columns: missing.join(', ') }
				}
			]
		};
	}
	if (rows.length === 1)
		return {
			candidates: [],
			problems: problems.length ? problems : [{ line: 1, code: 'import_empty' }]
		};
	if (rows.length - 1 > MAX_ROWS)
		return {
			candidates: [],
			problems: [{ line: 1, code: 'import_too_many_rows', params: { max: MAX_ROWS } }]
		};
	const col = (cells: string[], name: (typeof IMPORT_COLUMNS)[number]) =>
		(cells[header.indexOf(name)] ?? '').trim();

	const candidates: Candidate[] = rows.slice(1).map(({ line, cells }) => ({
		line,
		soate: col(cells, 'soate_code'),
		kind: col(cells, 'kind').toLowerCase(),
		parentSoate: col(cells, 'parent_soate_code'),
		nameKy: col(cells, 'name_ky'),
		nameRu: col(cells, 'name_ru'),
		nameEn: col(cells, 'name_en')
	}));
	const existing = new Map(
		(await sql<{ soateCode: string; kind: string }[]>`select soate_code, kind from territory`).map(
			(t) => [t.soateCode, t.kind]
		)
	);
	const inFile = new Map<string, Candidate>();
	for (const c of candidates) {
		const add = (code: string, params?: Record<string, string | number>) =>
			problems.push({ line: c.line, code, params });
		if (!/^417\d{11}$/.test(c.soate)) add('import_bad_soate', { value: c.soate });
		else if (existing.has(c.soate)) add('import_soate_exists', { value: c.soate });
		else if (inFile.has(c.soate))
			add('import_soate_repeated', { value: c.soate, line: inFile.get(c.soate)!.line });
		if (!IMPORT_KINDS.includes(c.kind)) add('import_bad_kind', { value: c.kind });
		if (!c.nameKy || !c.nameRu || !c.nameEn) add('import_name_missing');
		for (const n of [c.nameKy, c.nameRu, c.nameEn]) if (n.length > 200) add('import_name_too_long');
		const parentKind = existing.get(c.parentSoate) ?? inFile.get(c.parentSoate)?.kind;
		if (!parentKind) add('import_parent_unknown', { value: c.parentSoate });
		else {
			const allowed = c.kind === 'rayon' ? ['oblast', 'city'] : ['rayon', 'oblast', 'city'];
			if (IMPORT_KINDS.includes(c.kind) && !allowed.includes(parentKind))
				add('import_parent_wrong_kind', { kind: parentKind });
			// a rayon's code starts with its oblast's 5 digits, a municipality's with its rayon's 8
			const prefix = parentKind === 'rayon' ? 8 : 5;
			if (
				/^417\d{11}$/.test(c.soate) &&
				c.soate.slice(0, prefix) !== c.parentSoate.slice(0, prefix)
			)
				add('import_soate_not_under_parent');
		}
		if (/^417\d{11}$/.test(c.soate) && !inFile.has(c.soate)) inFile.set(c.soate, c);
	}
	problems.sort((a, b) => a.line - b.line);
	return { candidates, problems };
}

/** Imports territories from CSV: a dry run only reports; a real run writes all rows or, if any row is bad, nothing. */
export async function importCsv(
	sql: Sql,
	actor: Actor | null,
	text: string,
	options: { dryRun: boolean }
): Promise<ImportReport> {
	if (!can(actor, 'import')) throw new Forbidden();
	return transaction(sql, async (tx) => {
		// one import at a time, so two admins cannot both pass validation with the same codes
		await tx`select pg_advisory_xact_lock(hashtext('territory-import'))`;
		const { candidates, problems } = await validateImport(tx, text);
		const report: ImportReport = {
			rows: candidates.length,
			problems,
			imported: 0,
			dryRun: options.dryRun
		};
		if (options.dryRun || problems.length > 0) return report;
		for (const c of candidates) {
			await tx`
				insert into territory (kind, soate_code, parent_id, name_ky, name_ru, name_en)
				values (${c.kind}, ${c.soate}, (select id from territory where soate_code = ${c.parentSoate}), ${c.nameKy}, ${c.nameRu}, ${c.nameEn})`;
		}
		await audit.record(tx, {
			userId: actor.id,
			entity: 'territory',
			entityId: null,
			action: 'import',
			after: { count: candidates.length, soate: candidates.map((c) => c.soate) }
		});
		report.imported = candidates.length;
		return report;
	});
}
