import * as f from '../forms';
import { KINDS, SORTS, STATES, type DashboardQuery } from './oblast';
import { MAP_FIGURES, NATIONAL_SORTS, type MapFigure } from './national';

/** The dashboard's sorting and filters as the page's GET form and column links send them. */
export function parseDashboardQuery(url: URL): DashboardQuery {
	const q = f.parseQuery(url, {
		sort: f.optionalChoice(SORTS),
		dir: f.optionalChoice(['asc', 'desc']),
		// labelled as the filter form shows them, for the message of a garbled address
		rayon: f.id({ optional: true, label: 'monitor_col_rayon' }),
		state: f.optionalChoice(STATES, { label: 'monitor_col_state' }),
		kind: f.optionalChoice(KINDS, { label: 'monitor_plan_kind' }),
		late: f.checkbox({ label: 'monitor_filter_late' })
	});
	return { ...q, rayon: q.rayon ?? null, late: !!q.late };
}

/** The national view's sorting, coverage plan and filter, map figure, as its GET links and forms send them. */
export function parseNationalQuery(url: URL) {
	const q = f.parseQuery(url, {
		sort: f.optionalChoice(NATIONAL_SORTS),
		dir: f.optionalChoice(['asc', 'desc']),
		plan: f.text(100, { label: 'national_plan_choose' }),
		unadopted: f.checkbox(),
		figure: f.optionalChoice(MAP_FIGURES)
	});
	return {
		sort: q.sort ?? '',
		dir: q.dir ?? '',
		plan: q.plan || '',
		unadopted: !!q.unadopted,
		figure: (q.figure || 'seat_share') as MapFigure
	};
}

/** Which measure's adopters in which oblast (`?plan=…&measure=…&oblast=KG05`). */
export function parseAdoptersQuery(url: URL) {
	return f.parseQuery(url, {
		plan: f.text(100, { required: true }),
		measure: f.text(120, { required: true }),
		oblast: f.text(10, { required: true })
	});
}
