import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as reports from '$lib/server/reports';
import { isDomainError } from '$lib/server/errors';
import { notFound, publicHeaders } from '../../../public-api';
import type { RequestHandler } from './$types';

/**
 * GET /api/v1/public/local-plans/{id}/reports/{reportId} — one submitted report as it was
 * submitted: every activity's status, indicator actuals with their breakdown, spending per line
 * with the planned amount and source, the summary. A draft report is "not found".
 */
export const GET: RequestHandler = async ({ params }) => {
	const ids = [params.id, params.reportId];
	if (!ids.every((x) => /^\d{1,12}$/.test(x))) return notFound('submitted report not found');
	const found = await reports
		.publicReport(app.sql(), Number(params.id), Number(params.reportId))
		.catch((e) => {
			if (isDomainError(e)) return null;
			throw e;
		});
	if (!found) return notFound('submitted report not found');
	// the snapshot names every file by its hash; the public sees only those marked public
	const { content, ...meta } = found;
	const { evidence: _all, ...said } = content as typeof content & { evidence?: unknown };
	void _all;
	const base = `/api/v1/public/local-plans/${params.id}/reports/${params.reportId}/evidence`;
	const evidence = (await reports.publicEvidence(app.sql(), found.id)).map((e) => ({
		id: e.id,
		activityId: e.activityId,
		fileName: e.fileName,
		contentType: reports.EVIDENCE_MIME[e.contentType],
		size: e.size,
		sha256: e.sha256,
		url: `${base}/${e.id}`
	}));
	return json(
		{ apiVersion: 'v1', localPlanId: Number(params.id), ...meta, ...said, evidence },
		{
			headers: publicHeaders
		}
	);
};
