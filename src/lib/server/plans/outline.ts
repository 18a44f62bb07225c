import { fromTyiyn, toTyiyn } from '../../money';
import type { LocalPlan, PlanView, Provenance, Summary } from './types';

/** One row of the plan page's activity table: what the page shows, not the whole activity. */
export interface OutlineActivity {
	id: number;
	/** the Kyrgyz and the Russian wording, as the page picks one per language */
	title: string;
	titleRu: string;
	rowVersion: number;
	/** how many indicators it has: the page warns at none */
	indicators: number;
	provenance: Pick<Provenance, 'measureNumber' | 'planKind' | 'planPeriod'> | null;
	/** the activity's budget per year of the plan, exact; absent for a year without lines */
	yearTotals: Record<number, string>;
	/** the gender markers of its budget lines, sorted, without repeats */
	markers: number[];
	/** comments on the activity and its budget lines */
	comments: number;
}

export interface PlanOutline {
	plan: LocalPlan;
	sections: {
		id: number;
		title: string;
		titleRu: string;
		position: number;
		/** the section's retitle form sends it */
		rowVersion: number;
		activities: OutlineActivity[];
	}[];
	summary: Summary;
	planTitles: PlanView['planTitles'];
}

/**
 * The plan page's part of a plan view, in one pass over activities, lines and comments: a plan page
 * sends a few fields per activity instead of every field of every activity, indicator and line.
 */
export function planOutline(
	view: PlanView,
	comments: readonly { targetKind: string; targetId: number }[] = []
): PlanOutline {
	const activityOfLine = new Map<number, number>();
	for (const s of view.sections)
		for (const a of s.activities) for (const b of a.budget) activityOfLine.set(b.id, a.id);
	const commentCount = new Map<number, number>();
	for (const c of comments) {
		const activityId =
			c.targetKind === 'activity'
				? c.targetId
				: c.targetKind === 'budget_line'
					? activityOfLine.get(c.targetId)
					: undefined;
		if (activityId !== undefined)
			commentCount.set(activityId, (commentCount.get(activityId) ?? 0) + 1);
	}
	return {
		plan: view.plan,
		summary: view.summary,
		planTitles: view.planTitles,
		sections: view.sections.map((s) => ({
			id: s.id,
			title: s.title,
			titleRu: s.titleRu,
			position: s.position,
			rowVersion: s.rowVersion,
			activities: s.activities.map((a) => {
				const sums = new Map<number, bigint>();
				for (const b of a.budget) sums.set(b.year, (sums.get(b.year) ?? 0n) + toTyiyn(b.amount));
				return {
					id: a.id,
					title: a.title,
					titleRu: a.titleRu,
					rowVersion: a.rowVersion,
					indicators: a.indicators.length,
					provenance: a.provenance && {
						measureNumber: a.provenance.measureNumber,
						planKind: a.provenance.planKind,
						planPeriod: a.provenance.planPeriod
					},
					yearTotals: Object.fromEntries([...sums].map(([y, v]) => [y, fromTyiyn(v)])),
					markers: [...new Set(a.budget.map((b) => b.marker as number))].sort(),
					comments: commentCount.get(a.id) ?? 0
				};
			})
		}))
	};
}
