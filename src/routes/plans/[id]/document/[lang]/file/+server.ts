import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import { requirePlan } from '$lib/server/plans/plans';
import { idParam } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { isDomainError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const planId = idParam(params.id);
	await requirePlan(app.sql(), locals.actor, planId, 'read').catch((e) => {
		if (isDomainError(e))
			error(
				e.status === 404 ? 404 : 403,
				t(e.status === 404 ? 'error_not_found' : 'error_forbidden')
			);
		throw e;
	});
	const doc = await documents.documentBytes(
		app.sql(),
		planId,
		f.parseQuery(url, { doc: f.requiredId() }).doc
	);
	if (!doc) error(404, t('error_not_found'));
	return pdfResponse(doc.pdf, `plan-${planId}-${doc.lang}-${doc.contentHash.slice(0, 12)}.pdf`);
};

function pdfResponse(pdf: Uint8Array, name: string) {
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, max-age=3600'
		}
	});
}
