import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import {
	reportDocumentResponse,
	requestReportDocument
} from '$lib/server/documents/report-documents';
import { idParam, requireActor } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** A submitted report's PDF or XLSX for everyone who reads the plan's reports (a draft has none). */
export const GET: RequestHandler = async (event) => {
	const { params } = event;
	const actor = requireActor(event);
	const planId = idParam(params.id);
	const doc = await requestReportDocument(
		app.sql(),
		app.jobs(),
		actor,
		planId,
		params.period,
		params.lang,
		params.format
	).catch((e) => {
		if (isDomainError(e))
			error(
				e.status === 404 ? 404 : 403,
				t(e.status === 404 ? 'error_not_found' : 'error_forbidden')
			);
		throw e;
	});
	return reportDocumentResponse(
		app.sql(),
		doc,
		`report-${planId}-${params.period}-${doc.lang}`,
		'private, max-age=3600',
		t('document_rendering')
	);
};
