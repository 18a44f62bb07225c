import { describe, expect, it } from 'vitest';
import { parseScope, planStanding, plansInScope } from './standing';

const plans = [
	{ id: 1, status: 'adopted', periodStart: 2018, periodEnd: 2020 },
	{ id: 2, status: 'draft', periodStart: 2025, periodEnd: 2027 },
	{ id: 3, status: 'adopted', periodStart: 2026, periodEnd: 2030 },
	{ id: 4, status: 'adopted', periodStart: 2029, periodEnd: 2031 }
];
const period = { start: 2026, end: 2028 };

describe('national plans for a local plan of 2026–2028', () => {
	it('a plan that ended before 2026 is expired, one starting after 2028 is future, a covering one in force or draft', () => {
		expect(plans.map((p) => planStanding(p, period))).toEqual([
			'expired',
			'draft',
			'in_force',
			'future'
		]);
		expect(planStanding({ status: 'superseded', periodStart: 2026, periodEnd: 2027 }, period)).toBe(
			'superseded'
		);
	});
	it('the picker offers by default only the plans covering the period, the others on request', () => {
		expect(plansInScope(plans, period, 'period')).toEqual({ scope: 'period', planIds: [2, 3] });
		expect(plansInScope(plans, period, 'all')).toEqual({ scope: 'all', planIds: null });
		expect(plansInScope(plans, period, 1)).toEqual({ scope: 1, planIds: [1] });
		// nothing covers the period: every plan rather than nothing
		expect(plansInScope(plans.slice(0, 1), period, 'period')).toEqual({
			scope: 'all',
			planIds: null
		});
	});
	it('reads the plan parameter: empty is the period, "all", or a plan id', () => {
		expect([
			parseScope(null),
			parseScope(''),
			parseScope('all'),
			parseScope('12'),
			parseScope('x')
		]).toEqual(['period', 'period', 'all', 12, 'period']);
	});
});
