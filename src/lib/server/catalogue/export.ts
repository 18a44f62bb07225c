import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError, Forbidden } from '../errors';
import { can } from './permissions';
import { normalizePlanFile, type PlanFile } from './plan-file';
import { planFile } from './queries';
import { SHIPPED_PLANS } from './shipped';
import { planToCsv, writeXlsx } from './tabular';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

const TYPES: Record<ExportFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	json: 'application/json; charset=utf-8'
};

/** A plan version in the import template, ready to download; importing it again gives the same catalogue. */
export async function exportPlan(
	sql: Sql,
	actor: Actor | null,
	versionId: number,
	format: ExportFormat
): Promise<{ body: Uint8Array; contentType: string; filename: string }> {
	if (!can(actor, 'export')) throw new Forbidden();
	const { file } = await planFile(sql, versionId);
	const [v] = await sql<
		{ number: number }[]
	>`select number from catalogue_version where id = ${versionId}`;
	if (!v) throw new DomainError('error_not_found', 404);
	const filename = `${file.plan.key}-v${v.number}.${format}`;
	const body =
		format === 'json'
			? new TextEncoder().encode(JSON.stringify(file, null, 2) + '\n')
			: format === 'csv'
				? new TextEncoder().encode(planToCsv(file))
				: new Uint8Array(await writeXlsx(file));
	return { body, contentType: TYPES[format], filename };
}

/** The import template: the header and two example rows taken from the shipped 2018–2020 plan. */
export async function templateFile(
	format: 'csv' | 'xlsx'
): Promise<{ body: Uint8Array; contentType: string; filename: string }> {
	const source = normalizePlanFile(
		SHIPPED_PLANS.find((p) => p.plan.key === 'nap-gender-2018-2020')!
	);
	// the shipped plan's first chapter, goal and task, which it has (sheet.test.ts builds this template)
	const chapter = source.chapters[0]!;
	const goal = chapter.goals[0]!;
	const first = goal.tasks[0]!;
	const task = { ...first, measures: first.measures.slice(0, 2) };
	const example: PlanFile = {
		...source,
		chapters: [{ ...chapter, goals: [{ ...goal, tasks: [task] }] }]
	};
	const body =
		format === 'csv'
			? new TextEncoder().encode(planToCsv(example))
			: new Uint8Array(await writeXlsx(example));
	return { body, contentType: TYPES[format], filename: `aiyl-plan-catalogue-template.${format}` };
}
