import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import { planToXlsx } from '$lib/server/plans/export';
import { idParam } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The approved plan's table and budget as XLSX, for anyone; drafts are "not found". */
export const GET: RequestHandler = async ({ params }) => {
	const lang = params.lang as 'ky' | 'ru' | 'en';
	if (!['ky', 'ru', 'en'].includes(lang)) error(404, t('error_not_found'));
	const { view } = await documents.publicPlan(app.sql(), idParam(params.id)).catch((e) => {
		if (isDomainError(e)) error(404, t('error_not_found'));
		throw e;
	});
	const body = new Uint8Array(await planToXlsx(view, lang));
	return new Response(body as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="plan-${view.plan.id}-${lang}.xlsx"`,
			'cache-control': 'public, max-age=3600'
		}
	});
};
