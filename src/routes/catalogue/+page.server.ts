import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/format';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import * as f from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const PAGE = 50;

/** Reads the search form from the query string; a malformed one is a 400 with the reason. */
function filtersFrom(url: URL): catalogue.SearchFilters & { page: number } {
	const query = f.parseQuery(url, catalogue.searchQuery);
	const page = query.page ?? 1;
	return {
		...catalogue.filtersOf(query),
		lang: getLocale() as Locale,
		limit: PAGE,
		offset: (page - 1) * PAGE,
		page
	};
}

/** The catalogue is public: plans, filters and search need no login. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const sql = app.sql();
	const filters = filtersFrom(url);
	const [plans, options, results] = await Promise.all([
		catalogue.listPlans(sql),
		catalogue.filterOptions(sql),
		catalogue.search(sql, filters)
	]);
	return {
		plans,
		options,
		filters,
		results,
		pageSize: PAGE,
		canImport: catalogue.can(locals.actor, 'import')
	};
};
