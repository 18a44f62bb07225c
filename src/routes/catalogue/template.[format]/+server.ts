import { error } from '@sveltejs/kit';
import * as catalogue from '$lib/server/catalogue';
import { planToCsv, writeXlsx } from '$lib/server/catalogue/tabular';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The import template with the header and two example rows taken from the shipped 2018–2020 plan. */
export const GET: RequestHandler = async ({ params }) => {
	if (params.format !== 'csv' && params.format !== 'xlsx') error(404, t('error_not_found'));
	const source = catalogue.normalizePlanFile(catalogue.SHIPPED_PLANS.find((p) => p.plan.key === 'nap-gender-2018-2020')!);
	const chapter = source.chapters[0];
	const goal = chapter.goals[0];
	const task = { ...goal.tasks[0], measures: goal.tasks[0].measures.slice(0, 2) };
	const example: catalogue.PlanFile = { ...source, chapters: [{ ...chapter, goals: [{ ...goal, tasks: [task] }] }] };
	const body = params.format === 'csv' ? new TextEncoder().encode(planToCsv(example)) : new Uint8Array(await writeXlsx(example));
	return new Response(body as BodyInit, {
		headers: {
			'content-type': params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="aiyl-plan-catalogue-template.${params.format}"`
		}
	});
};
