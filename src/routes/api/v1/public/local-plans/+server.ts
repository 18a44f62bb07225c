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
			localPlans: plans.map(documents.publicPlanJson)
		},
		{ headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } }
	);
};
