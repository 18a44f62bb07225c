import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/format';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import type { PageServerLoad } from './$types';

const PAGE = 50;

/** Reads the search form from the query string; anything malformed is simply ignored. */
function filtersFrom(url: URL): catalogue.SearchFilters & { page: number } {
	const p = url.searchParams;
	const int = (name: string) => (/^\d{1,12}$/.test(p.get(name) ?? '') ? Number(p.get(name)) : null);
	const pillar = p.get('pillar');
	const page = Math.max(1, int('page') ?? 1);
	return {
		q: (p.get('q') ?? '').slice(0, 200),
		plan: int('plan'),
		goal: int('goal'),
		pillar: pillar && (catalogue.PILLARS as readonly string[]).includes(pillar) ? pillar : null,
		tag: p.get('tag')?.slice(0, 60) || null,
		body: /^[A-Z0-9_]{1,40}$/.test(p.get('body') ?? '') ? p.get('body') : null,
		lsg: p.get('lsg') === '1',
		localBudget: p.get('lb') === '1',
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
	const [plans, options, results] = await Promise.all([catalogue.listPlans(sql), catalogue.filterOptions(sql), catalogue.search(sql, filters)]);
	return {
		plans,
		options,
		filters,
		results,
		pageSize: PAGE,
		canImport: catalogue.can(locals.actor, 'import')
	};
};
