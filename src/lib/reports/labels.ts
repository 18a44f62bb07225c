import { m } from '$lib/paraglide/messages';
import type { Period } from './periods';

/** A period as people name it: "2025", "2026, 1st half-year", "2026, 3rd quarter". */
export function periodLabel(p: Pick<Period, 'year' | 'frequency' | 'number'>): string {
	if (p.frequency === 'half_year')
		return m.report_period_half_year({ year: p.year, number: p.number });
	if (p.frequency === 'quarter') return m.report_period_quarter({ year: p.year, number: p.number });
	return m.report_period_annual({ year: p.year });
}
