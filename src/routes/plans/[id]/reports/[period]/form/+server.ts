import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import { reportForm } from '$lib/server/reports/workbook';
import { idParam } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** "Download the report form": the report as an XLSX to fill offline, in the page's language; the municipality's staff, while the report is a draft. */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.actor) error(403, t('error_forbidden'));
	const lang = locals.locale as 'ky' | 'ru' | 'en';
	const form = await reportForm(
		app.sql(),
		locals.actor,
		idParam(params.id),
		params.period,
		lang
	).catch((e) => {
		if (isDomainError(e))
			error(
				e.status === 404 ? 404 : 403,
				t(e.status === 404 ? 'error_not_found' : 'error_forbidden')
			);
		throw e;
	});
	return new Response(form.bytes as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${form.filename}"`,
			'cache-control': 'private, no-store'
		}
	});
};
