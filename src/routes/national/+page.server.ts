import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import { serverRendered } from '$lib/server-rendered';
import { t } from '$lib/i18n';
import * as monitoring from '$lib/server/monitoring';
import * as representation from '$lib/server/representation';
import { load as loadData, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// the national view is read, sorted and filtered through links and GET forms: the page needs no script,
// so none is sent, nor its data again for hydration (serverRendered: half the bytes on a slow line)
export const csr = false;

/** The national view (`/national`): sorting, the coverage plan and the map figure are GET parameters, so it works without JavaScript. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const query = monitoring.parseNationalQuery(event.url);
	const sql = app.sql();
	if (!monitoring.can(actor, 'read_national')) error(404, t('error_not_found'));
	// the view's four aggregates at once, each on its own connection
	const [overview, coverage, gaps, bodies] = await Promise.all([
		loadData(() => monitoring.overview(sql, actor, query)),
		loadData(() =>
			monitoring.coverage(sql, actor, {
				plan: query.plan || undefined,
				unadoptedOnly: query.unadopted
			})
		),
		loadData(() => monitoring.gaps(sql, actor)),
		// the 30% rule across local bodies (counts only)
		loadData(() => representation.summary(sql))
	]);
	return {
		view: serverRendered(event, { overview, coverage, gaps, query, representation: bodies })
	};
};
