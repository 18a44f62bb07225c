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
	const { content, ...meta } = found;
	return json(
		{ apiVersion: 'v1', localPlanId: Number(params.id), ...meta, ...content },
		{
			headers: publicHeaders
		}
	);
};
