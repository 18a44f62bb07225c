import * as app from '$lib/server/app';
import * as monitoring from '$lib/server/monitoring';
import { load as loadData, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** The municipalities of one oblast that adopted one national measure (`?plan=…&measure=…&oblast=KG05`). */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const query = monitoring.parseAdoptersQuery(event.url);
	const adopters = await loadData(() => monitoring.adopters(app.sql(), actor, query));
	return { adopters };
};
