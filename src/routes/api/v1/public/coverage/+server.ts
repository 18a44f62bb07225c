import * as app from '$lib/server/app';
import * as monitoring from '$lib/server/monitoring';
import * as f from '$lib/server/forms';
import { cachedJson, problem } from '$lib/server/api/cached';
import type { RequestHandler } from './$types';

/** Texts as the API writes them: Kyrgyz always, Russian where there is one. */
const texts = (ky: string, ru: string | null) => (ru ? { ky, ru } : { ky });

/** GET /api/v1/public/coverage?plan={key} — per measure of the plan's current version: who adopted it, budgeted it, reports on it. */
export const GET: RequestHandler = async ({ request, url }) => {
	const checked = f.checkQuery(url, { plan: f.text(100) }, { strict: true });
	if (!checked.ok) return problem(400, checked.message);
	const key = checked.value.plan.trim();
	if (!key)
		return problem(
			400,
			'the plan parameter is required',
			'a national plan key, e.g. ?plan=nap-gender-2018-2020'
		);
	const coverage = await monitoring.publicCoverage(app.sql(), { plan: key });
	if (!coverage)
		return problem(
			400,
			'unknown plan key',
			`no national plan has the key ${JSON.stringify(key)}; /api/v1/plans lists them`
		);
	const { plan, measures } = coverage;
	return cachedJson(request, {
		apiVersion: 'v1',
		plan: {
			key: plan.key,
			version: plan.version,
			title: texts(plan.titleKy, plan.titleRu),
			status: plan.status,
			periodStart: plan.periodStart,
			periodEnd: plan.periodEnd
		},
		measures: measures.map((m) => ({
			id: m.id,
			number: m.number,
			title: texts(m.titleKy, m.titleRu),
			adopted: m.adopted,
			budget: m.budget,
			reporting: m.reporting,
			municipalities: m.municipalities.map((x) => ({
				soateCode: x.soateCode,
				name: texts(x.nameKy, x.nameRu),
				oblastCode: x.oblastCode,
				activities: x.activities,
				budget: x.budget,
				reporting: x.reporting
			}))
		}))
	});
};
