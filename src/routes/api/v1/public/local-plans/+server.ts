import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import type { RequestHandler } from './$types';

/** GET /api/v1/public/local-plans — approved local plans only. */
export const GET: RequestHandler = async () => {
	const plans = await documents.publicPlans(app.sql());
	return json(
		{
			apiVersion: 'v1',
			localPlans: plans.map((p) => ({
				id: p.id,
				municipality: { name: { ky: p.municipality.nameKy, ru: p.municipality.nameRu, en: p.municipality.nameEn }, soateCode: p.municipality.soateCode },
				oblast: { name: { ky: p.oblast.nameKy, ru: p.oblast.nameRu, en: p.oblast.nameEn }, statCode: p.oblast.statCode },
				title: p.title,
				kind: p.kind,
				periodStart: p.periodStart,
				periodEnd: p.periodEnd,
				decision: { number: p.decisionNumber, date: p.decisionDate },
				contentHash: p.contentHash
			}))
		},
		{ headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } }
	);
};
