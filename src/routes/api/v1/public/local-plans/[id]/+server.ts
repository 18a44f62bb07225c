import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import { isDomainError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

const notFound = () =>
	json(
		{ status: 404, title: 'approved local plan not found' },
		{
			status: 404,
			headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' }
		}
	);

/** GET /api/v1/public/local-plans/{id} — the approved version; a draft is "not found". */
export const GET: RequestHandler = async ({ params }) => {
	if (!/^\d{1,12}$/.test(params.id)) return notFound();
	// only "not approved or no such plan" is a 404: a database error stays an error (an outage answers 503)
	const found = await documents.publicPlan(app.sql(), Number(params.id)).catch((e) => {
		if (isDomainError(e)) return null;
		throw e;
	});
	if (!found) return notFound();
	const { plan, view } = found;
	return json(
		{
			apiVersion: 'v1',
			...documents.publicPlanJson(plan),
			envelopes: view.plan.envelopes,
			sections: view.sections.map((s) => ({
				title: s.title,
				activities: s.activities.map((a) => ({
					title: a.title,
					responsible: a.responsible,
					start: a.startYear ? { year: a.startYear, quarter: a.startQuarter } : null,
					end: a.endYear ? { year: a.endYear, quarter: a.endQuarter } : null,
					nationalSource: a.provenance
						? {
								planKey: a.provenance.planKey,
								measureId: a.provenance.measureStableId,
								measureNumber: a.provenance.measureNumber,
								catalogueVersion: a.provenance.catalogueVersion
							}
						: null,
					indicators: a.indicators.map((i) => ({
						name: i.name,
						unit: i.unit,
						kind: i.kind,
						baseline: i.baseline,
						bySex: i.bySex,
						byAge: i.byAge,
						byDisability: i.byDisability,
						targets: i.targets
					})),
					budgetLines: a.budget.map((b) => ({
						year: b.year,
						amount: b.amount,
						source: b.source,
						donorName: b.donorName || null,
						marker: b.marker,
						genderShare: b.genderShare,
						genderAmount: b.genderAmount
					}))
				}))
			})),
			summary: view.summary
		},
		{ headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } }
	);
};
