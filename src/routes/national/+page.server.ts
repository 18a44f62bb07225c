import * as app from '$lib/server/app';
import * as monitoring from '$lib/server/monitoring';
import * as representation from '$lib/server/representation';
import { load as loadData, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// the national view is read, sorted and filtered through links and GET forms: the page needs no script,
// so none is sent, nor its data again for hydration (half the bytes on a slow line)
export const csr = false;

/** The national view (`/national`): sorting, the coverage plan and the map figure are GET parameters, so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const query = monitoring.parseNationalQuery(event.url);
	const sql = app.sql();
	const overview = await loadData(() => monitoring.overview(sql, actor, query));
	const coverage = await loadData(() =>
		monitoring.coverage(sql, actor, {
			plan: query.plan || undefined,
			unadoptedOnly: query.unadopted
		})
	);
	const gaps = await loadData(() => monitoring.gaps(sql, actor));
	// the 30% rule across local bodies (counts only), read once the actor may see the national view
	const bodies = await representation.summary(sql);
	return { overview, coverage, gaps, query, representation: bodies };
};
