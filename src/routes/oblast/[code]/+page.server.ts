import * as app from '$lib/server/app';
import * as monitoring from '$lib/server/monitoring';
import { load as loadData, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** The oblast dashboard (`/oblast/KG05`): sorted and filtered by its GET query, so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const query = monitoring.parseDashboardQuery(event.url);
	const dashboard = await loadData(() =>
		monitoring.dashboard(app.sql(), actor, { code: event.params.code, ...query })
	);
	return { dashboard, query };
};
