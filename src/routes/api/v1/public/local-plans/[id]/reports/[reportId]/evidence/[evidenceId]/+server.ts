import * as app from '$lib/server/app';
import * as reports from '$lib/server/reports';
import { isDomainError } from '$lib/server/errors';
import { notFound } from '../../../../../public-api';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/public/local-plans/{id}/reports/{reportId}/evidence/{evidenceId} — an evidence file
 * the municipality marked public, of a submitted report of an approved plan; anything else is "not found".
 */
export const GET: RequestHandler = async ({ params }) => {
	const ids = [params.id, params.reportId, params.evidenceId];
	if (!ids.every((x) => /^\d{1,12}$/.test(x))) return notFound('evidence file not found');
	const file = await reports
		.publicEvidenceFile(
			app.sql(),
			Number(params.id),
			Number(params.reportId),
			Number(params.evidenceId)
		)
		.catch((e) => {
			if (isDomainError(e)) return null;
			throw e;
		});
	if (!file) return notFound('evidence file not found');
	return reports.evidenceResponse(file, { public: true });
};
