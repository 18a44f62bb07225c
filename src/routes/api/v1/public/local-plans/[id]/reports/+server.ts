import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as reports from '$lib/server/reports';
import { isDomainError } from '$lib/server/errors';
import { notFound, publicHeaders } from '../../public-api';
import type { RequestHandler } from './$types';

/** GET /api/v1/public/local-plans/{id}/reports — the submitted reports of an approved plan. */
export const GET: RequestHandler = async ({ params, url }) => {
	if (!/^\d{1,12}$/.test(params.id)) return notFound('approved local plan not found');
	const planId = Number(params.id);
	const list = await reports.publicReports(app.sql(), planId).catch((e) => {
		if (isDomainError(e)) return null;
		throw e;
	});
	if (!list) return notFound('approved local plan not found');
	return json(
		{
			apiVersion: 'v1',
			localPlanId: planId,
			reports: list.map((r) => ({
				...r,
				href: new URL(`/api/v1/public/local-plans/${planId}/reports/${r.id}`, url).pathname,
				documents: Object.fromEntries(
					(['ky', 'ru'] as const).map((lang) => [
						lang,
						{
							pdf: `/public/plans/${planId}/reports/${r.period}/pdf/${lang}`,
							xlsx: `/public/plans/${planId}/reports/${r.period}/xlsx/${lang}`
						}
					])
				)
			}))
		},
		{ headers: publicHeaders }
	);
};
