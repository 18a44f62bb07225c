import { error, type RequestEvent } from '@sveltejs/kit';
import { t } from '$lib/i18n';
import * as app from '../app';
import { isDomainError } from '../errors';
import { idParam } from '../http';
import { requestSummary, summaryResponse } from './index';

/**
 * The download of a summary file for the routes of a plan and of a report: ready at once when this
 * summary was rendered before, otherwise a page that refreshes until it is. Drafts are not found.
 */
export async function summaryDownload(
	event: Pick<RequestEvent, 'params' | 'url' | 'locals'>
): Promise<Response> {
	// the parameters of both routes: …/summary/[format]/[lang], under a plan or a report's [period]
	const params = event.params as { id: string; period?: string; format: string; lang: string };
	const planId = idParam(params.id);
	const doc = await requestSummary(app.sql(), app.jobs(), event.locals.actor ?? null, {
		planId,
		period: params.period,
		format: params.format,
		lang: params.lang,
		origin: event.url.origin
	}).catch((e) => {
		if (isDomainError(e)) error(404, t('error_not_found'));
		throw e;
	});
	const name = `summary-${planId}${params.period ? `-${params.period}` : ''}-${doc.lang}`;
	return summaryResponse(app.sql(), doc, name, t('document_rendering'));
}
