import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import { idParam } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * The PDF of an approved plan, for anyone. Ready at once when rendered (approval queues both
 * languages); otherwise a short page that refreshes until it is. Drafts are "not found".
 */
export const GET: RequestHandler = async ({ params }) => {
	const lang = params.lang as documents.DocLang;
	if (!documents.DOC_LANGS.includes(lang)) error(404, t('error_not_found'));
	const planId = idParam(params.id);
	const doc = await documents
		.requestPdf(app.sql(), app.jobs(), null, planId, lang, { publicOnly: true })
		.catch((e) => {
			if (isDomainError(e)) error(404, t('error_not_found'));
			throw e;
		});
	if (doc.status === 'done') {
		const bytes = await documents.documentBytes(app.sql(), planId, doc.id);
		if (bytes) {
			return new Response(bytes.pdf as BodyInit, {
				headers: {
					'content-type': 'application/pdf',
					'content-disposition': `inline; filename="plan-${planId}-${lang}.pdf"`,
					'cache-control': 'public, max-age=86400, immutable',
					etag: `"${doc.contentHash}-${lang}"`
				}
			});
		}
	}
	const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>${t('document_rendering')}</title></head><body><p role="status">${t('document_rendering')}</p></body></html>`;
	return new Response(html, {
		status: 202,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
};
