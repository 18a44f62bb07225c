import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import * as hearings from '$lib/server/hearings';
import * as monitoring from '$lib/server/monitoring';
import type { PageServerLoad } from './$types';

// the public list and figures is read, sorted and filtered through links and GET forms: the page needs no script,
// so none is sent, nor its data again for hydration (half the bytes on a slow line)
export const csr = false;

/**
 * Approved plans for everyone, without login: transparency for citizens, with the national and
 * oblast figures over approved plans and submitted reports and the latest public hearings. Drafts
 * never appear.
 */
export const load: PageServerLoad = async () => {
	const sql = app.sql();
	const [plans, figures, recent] = await Promise.all([
		documents.publicPlans(sql),
		monitoring.publicOblasts(sql),
		hearings.publicHearings(sql, { limit: 20 })
	]);
	// the fields the page shows: not the content hash, kind and codes the API gives
	const names = (t: { nameKy: string; nameRu: string; nameEn: string }) => ({
		nameKy: t.nameKy,
		nameRu: t.nameRu,
		nameEn: t.nameEn
	});
	return {
		plans: plans.map((p) => ({
			id: p.id,
			title: p.title,
			titleRu: p.titleRu,
			periodStart: p.periodStart,
			periodEnd: p.periodEnd,
			decisionNumber: p.decisionNumber,
			decisionDate: p.decisionDate,
			supersedes: p.supersedes,
			supersededBy: p.supersededBy,
			municipality: { id: p.municipality.id, ...names(p.municipality) },
			oblast: names(p.oblast)
		})),
		figures,
		hearings: recent
	};
};
