/** How a national plan stands for a local plan's period, and which plans the picker offers by default. */

export type PlanStanding = 'in_force' | 'draft' | 'expired' | 'future' | 'superseded';

export interface Period {
	start: number;
	end: number;
}

interface PlanLike {
	id: number;
	status: string;
	periodStart: number;
	periodEnd: number;
}

/**
 * A plan covering some year of the period is in force (adopted) or a draft; one that ended before the
 * period began is expired; one that starts after it ends is future.
 */
export function planStanding(plan: Omit<PlanLike, 'id'>, period: Period): PlanStanding {
	if (plan.status === 'superseded') return 'superseded';
	if (plan.periodEnd < period.start) return 'expired';
	if (plan.periodStart > period.end) return 'future';
	return plan.status === 'draft' ? 'draft' : 'in_force';
}

/** What the plan filter of the picker asks for: the plans for the period (default), all plans, or one. */
export type PlanScope = 'period' | 'all' | number;

/**
 * The plans a search covers. By default the plans for the local plan's period — in force, and the
 * drafts (labelled), which are all a municipality has while the next national plan is not adopted —;
 * when no plan covers the period, every plan. Null means no restriction.
 */
export function plansInScope(
	plans: PlanLike[],
	period: Period,
	scope: PlanScope
): { scope: PlanScope; planIds: number[] | null } {
	if (typeof scope === 'number') return { scope, planIds: [scope] };
	const covering = plans
		.filter((p) => ['in_force', 'draft'].includes(planStanding(p, period)))
		.map((p) => p.id);
	if (scope === 'all' || covering.length === 0) return { scope: 'all', planIds: null };
	return { scope: 'period', planIds: covering };
}

/** The picker's `plan` parameter: empty for the period, "all", or a plan id; anything else is the default. */
export function parseScope(value: string | null): PlanScope {
	if (value === 'all') return 'all';
	return value && /^\d{1,12}$/.test(value) ? Number(value) : 'period';
}
