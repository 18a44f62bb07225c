import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as monitoring from '$lib/server/monitoring';
import { load } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Locale } from '$lib/format';
import type { RequestHandler } from './$types';

/** The dashboard's table as XLSX or CSV, with the page's sorting and filters; the same permission as the page. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	if (params.format !== 'xlsx' && params.format !== 'csv') error(404, t('error_not_found'));
	if (!locals.actor) error(403, t('error_forbidden'));
	const actor = locals.actor;
	const query = monitoring.parseDashboardQuery(url);
	const d = await load(() =>
		monitoring.dashboard(app.sql(), actor, { code: params.code, ...query })
	);
	const lang = locals.locale as Locale;
	const body =
		params.format === 'xlsx'
			? new Uint8Array(await monitoring.dashboardXlsx(d, lang))
			: new TextEncoder().encode(monitoring.dashboardCsv(d, lang));
	return new Response(body as BodyInit, {
		headers: {
			'content-type':
				params.format === 'xlsx'
					? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
					: 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="oblast-${d.oblast.statCode}-${lang}.${params.format}"`,
			'cache-control': 'private, no-store'
		}
	});
};
