import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import { planToCsv, planToXlsx } from '$lib/server/plans/export';
import { idParam } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { isDomainError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The plan table and budget as XLSX or CSV, in the page language (or `?lang=`). Same permission as reading the plan. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	if (params.format !== 'xlsx' && params.format !== 'csv') error(404, t('error_not_found'));
	if (!locals.actor) error(403, t('error_forbidden'));
	const lang =
		f.parseQuery(url, { lang: f.optionalChoice(['ky', 'ru', 'en']) }).lang ||
		(locals.locale as 'ky' | 'ru' | 'en');
	const view = await plans.planView(app.sql(), locals.actor, idParam(params.id)).catch((e) => {
		if (isDomainError(e))
			error(
				e.status === 404 ? 404 : 403,
				t(e.status === 404 ? 'error_not_found' : 'error_forbidden')
			);
		throw e;
	});
	const name = `plan-${view.plan.id}-${view.plan.municipality.soateCode}-${lang}.${params.format}`;
	const body =
		params.format === 'xlsx'
			? new Uint8Array(await planToXlsx(view, lang))
			: new TextEncoder().encode(planToCsv(view, lang));
	return new Response(body as BodyInit, {
		headers: {
			'content-type':
				params.format === 'xlsx'
					? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
					: 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
