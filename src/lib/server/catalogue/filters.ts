import * as f from '../forms';
import { LIMITS } from '../../limits';
import { PILLARS, type SearchFilters } from './search';

/** The catalogue search form as a query string (`/catalogue`, a plan's pick page). */
export const searchQuery = {
	q: f.text(LIMITS.search, { label: 'catalogue_search_words' }),
	plan: f.id({ optional: true }),
	goal: f.id({ optional: true }),
	pillar: f.optionalChoice(PILLARS, { label: 'catalogue_pillar' }),
	tag: f.text(LIMITS.tag, { label: 'catalogue_tag' }),
	body: f.text(40, { label: 'catalogue_body' }),
	lsg: f.optionalChoice(['1']),
	lb: f.optionalChoice(['1']),
	page: f.int(1, 100_000)
};

/** The search filters a checked query asks for. */
export function filtersOf(q: {
	q: string;
	plan: number | null;
	goal: number | null;
	pillar: string;
	tag: string;
	body: string;
	lsg: string;
	lb: string;
}): SearchFilters {
	return {
		q: q.q,
		plan: q.plan,
		goal: q.goal,
		pillar: q.pillar || null,
		tag: q.tag || null,
		body: q.body || null,
		lsg: q.lsg === '1',
		localBudget: q.lb === '1'
	};
}
