import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import * as plans from '$lib/server/plans';
import { idParam, load as guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/**
 * Public; those who maintain the catalogue also see where the row comes from, and staff with a
 * draft plan are offered to add the measure to it.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	const sql = app.sql();
	const measureId = idParam(params.id);
	const [page, drafts] = await Promise.all([
		guard(() => catalogue.measurePage(sql, locals.actor, measureId)),
		plans.draftPlansFor(sql, locals.actor)
	]);
	return { page, drafts, measureId };
};
