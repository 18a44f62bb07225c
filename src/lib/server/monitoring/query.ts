import * as f from '../forms';
import { KINDS, SORTS, STATES, type DashboardQuery } from './oblast';

/** The dashboard's sorting and filters as the page's GET form and column links send them. */
export function parseDashboardQuery(url: URL): DashboardQuery {
	const q = f.parseQuery(url, {
		sort: f.optionalChoice(SORTS),
		dir: f.optionalChoice(['asc', 'desc']),
		rayon: f.id({ optional: true }),
		state: f.optionalChoice(STATES),
		kind: f.optionalChoice(KINDS),
		late: f.checkbox()
	});
	return { ...q, rayon: q.rayon ?? null, late: !!q.late };
}
