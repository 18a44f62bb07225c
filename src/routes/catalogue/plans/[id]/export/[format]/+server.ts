import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { idParam } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import * as f from '$lib/server/forms';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** Downloads a plan version in the import template (XLSX, CSV or JSON). */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const format = params.format as catalogue.ExportFormat;
	if (!['xlsx', 'csv', 'json'].includes(format)) error(404, t('error_not_found'));
	if (!catalogue.can(locals.actor, 'export')) error(403, t('error_forbidden'));
	const sql = app.sql();
	const versionNumber = f.parseQuery(url, { version: f.int(1, 999_999) }).version ?? undefined;
	// only "no such plan" is a 404: a database error stays an error (an outage answers 503)
	const plan = await catalogue.getPlan(sql, idParam(params.id), { versionNumber }).catch((e) => {
		if (isDomainError(e)) error(404, t('error_not_found'));
		throw e;
	});
	const file = await catalogue.exportPlan(sql, locals.actor, plan.versionId, format);
	return new Response(file.body as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
