import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import type { RequestHandler } from './$types';

/** GET /api/v1/plans — every plan (current version) with counts per level. Public. */
export const GET: RequestHandler = async () => {
	const plans = await catalogue.listPlans(app.sql());
	return json(
		{
			apiVersion: 'v1',
			plans: plans.map((p) => ({
				id: p.id,
				key: p.key,
				kind: p.kind,
				version: p.version,
				title: p.title,
				periodStart: p.periodStart,
				periodEnd: p.periodEnd,
				status: p.status,
				complete: p.complete,
				act: p.act,
				counts: p.counts
			}))
		},
		{ headers: { 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' } }
	);
};
