import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import {
	reportDocumentResponse,
	requestReportDocument
} from '$lib/server/documents/report-documents';
import { idParam } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * A submitted report of an approved plan as a PDF or an XLSX, for anyone. Submission renders them,
 * so they are ready at once; otherwise a short page refreshes until they are. Drafts are not found.
 */
export const GET: RequestHandler = async ({ params }) => {
	const planId = idParam(params.id);
	const doc = await requestReportDocument(
		app.sql(),
		app.jobs(),
		null,
		planId,
		params.period,
		params.lang,
		params.format,
		{ publicOnly: true }
	).catch((e) => {
		if (isDomainError(e)) error(404, t('error_not_found'));
		throw e;
	});
	return reportDocumentResponse(
		app.sql(),
		doc,
		`report-${planId}-${params.period}-${doc.lang}`,
		'public, max-age=86400, immutable',
		t('document_rendering')
	);
};
