import * as app from '$lib/server/app';
import * as monitoring from '$lib/server/monitoring';
import * as representation from '$lib/server/representation';
import { load as loadData, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** The oblast dashboard (`/oblast/KG05`): sorted and filtered by its GET query, so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const query = monitoring.parseDashboardQuery(event.url);
	const dashboard = await loadData(() =>
		monitoring.dashboard(app.sql(), actor, { code: event.params.code, ...query })
	);
	// counts only (the public API gives the same), for whoever may open this dashboard
	const summary = await loadData(() =>
		representation.summary(app.sql(), { regionId: dashboard.oblast.id })
	);
	const representationFigures = { oblast: summary.oblasts[0]!, national: summary.national };
	return { dashboard, query, representation: representationFigures };
};
