import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { fromTyiyn, toTyiyn } from '../../money';
import { wordingIn, wordingOf, type WordingChoice, type WordingLang } from '../../plans/wording';
import type { PlanRef } from './plans';
import type { BudgetLine, LocalPlan, PlanView, Provenance, Summary } from './types';
import { groupBy, localPlanOf, planHead, summarise, type PlanHeadRow } from './view';

const PILLAR_TAG = /^pillar:(.+)$/;

/** One row of the plan page's activity table: what the page shows, not the whole activity. */
export interface OutlineActivity {
	id: number;
	/** its wording in the page's language (or the other one, marked): one text per row, not two */
	wording: WordingChoice;
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

/** An activity as the plan page reads it: its wording, where it comes from, how many indicators, its budget lines. */
export interface PageActivity {
	id: number;
	sectionId: number;
	title: string;
	titleRu: string;
	rowVersion: number;
	/** how many indicators it has (the page does not show them) */
	indicators: number;
	provenance: Pick<
		Provenance,
		'measureNumber' | 'planKind' | 'planPeriod' | 'planKey' | 'pillars'
	> | null;
	budget: Pick<BudgetLine, 'id' | 'year' | 'amount' | 'source' | 'marker' | 'genderShare'>[];
}

/** The plan as its page shows it: `planView` without indicators, figures and the fields only the activity page and exports show. */
export interface PlanPage {
	ref: PlanRef;
	plan: LocalPlan;
	sections: {
		id: number;
		title: string;
		titleRu: string;
		position: number;
		rowVersion: number;
		activities: PageActivity[];
	}[];
	summary: Summary;
	planTitles: PlanView['planTitles'];
}

/**
 * What the plan page shows of a plan, in three queries whatever its size: the plan with its
 * sections, its activities (with their indicator count) and its budget lines, only the columns the
 * page and the summary read. The summary is the same `summarise` as the full view's.
 */
export async function planPage(sql: Sql, actor: Actor | null, planId: number): Promise<PlanPage> {
	const { p, ref } = await planHead(sql, actor, planId);
	const [activities, lines] = await Promise.all([
		sql<PageActivityRow[]>`
		select a.id, a.section_id, a.title, a.title_ru, a.row_version,
			(select count(*)::int from indicator i where i.activity_id = a.id) as indicators,
			a.measure_node_id, n.number as measure_number, np.key as plan_key, np.kind as plan_kind, v.period_start as plan_start, v.period_end as plan_end,
			v.title_ky as plan_title_ky, v.title_ru as plan_title_ru, v.title_en as plan_title_en, d.tags
		from activity a
		left join plan_node n on n.id = a.measure_node_id
		left join catalogue_version v on v.id = n.version_id
		left join national_plan np on np.id = v.plan_id
		left join measure_detail d on d.node_id = n.id
		where a.local_plan_id = ${planId}
		order by a.position, a.id`,
		sql<PageLineRow[]>`
		select b.id, b.activity_id, b.year, b.amount::text as amount, b.source, b.marker, b.gender_share::text as gender_share
		from budget_line b join activity a on a.id = b.activity_id
		where a.local_plan_id = ${planId} order by b.year, b.id`
	]);
	return { ref, ...assemblePlanPage({ p, activities, lines }) };
}

/**
 * The plan page's part of a plan view (or of a `planPage`), in one pass over activities, lines and comments: a plan page
 * sends a few fields per activity instead of every field of every activity, indicator and line.
 */
export function planOutline(
	view: PlanView | PlanPage,
	comments: readonly { targetKind: string; targetId: number }[] = [],
	lang: WordingLang | 'en' = 'ky'
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
					wording: wordingIn(wordingOf(a), lang),
					rowVersion: a.rowVersion,
					indicators: typeof a.indicators === 'number' ? a.indicators : a.indicators.length,
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

/** An activity's row as `planPage` reads it. */
export interface PageActivityRow {
	id: number;
	sectionId: number;
	title: string;
	titleRu: string;
	rowVersion: number;
	indicators: number;
	measureNodeId: number | null;
	measureNumber: string | null;
	planKey: string | null;
	planKind: Provenance['planKind'] | null;
	planStart: number | null;
	planEnd: number | null;
	planTitleKy: string | null;
	planTitleRu: string | null;
	planTitleEn: string | null;
	tags: string[] | null;
}

/** A budget line's row as `planPage` reads it. */
export type PageLineRow = PageActivity['budget'][number] & { activityId: number };

/** Builds the plan page's view from its rows; each row is visited a fixed number of times, so the work is linear in the plan's size. */
export function assemblePlanPage({
	p,
	activities,
	lines
}: {
	p: PlanHeadRow;
	activities: readonly PageActivityRow[];
	lines: readonly PageLineRow[];
}): Omit<PlanPage, 'ref'> {
	const linesOf = groupBy(lines, (l) => l.activityId);
	const planTitles: PlanView['planTitles'] = {};
	const built: PageActivity[] = activities.map((a) => {
		if (a.planKey)
			planTitles[a.planKey] = {
				ky: a.planTitleKy ?? '',
				...(a.planTitleRu ? { ru: a.planTitleRu } : {}),
				...(a.planTitleEn ? { en: a.planTitleEn } : {})
			};
		return {
			id: a.id,
			sectionId: a.sectionId,
			title: a.title,
			titleRu: a.titleRu,
			rowVersion: a.rowVersion,
			indicators: a.indicators,
			provenance: a.measureNodeId
				? {
						measureNumber: a.measureNumber!,
						planKey: a.planKey!,
						planKind: a.planKind!,
						planPeriod: { start: a.planStart!, end: a.planEnd! },
						pillars: (a.tags ?? [])
							.map((t) => PILLAR_TAG.exec(t)?.[1])
							.filter((x): x is string => !!x)
					}
				: null,
			budget: (linesOf.get(a.id) ?? []).map((l) => ({
				id: l.id,
				year: l.year,
				amount: l.amount,
				source: l.source,
				marker: l.marker,
				genderShare: l.genderShare
			}))
		};
	});
	const plan = localPlanOf(p, p.envelopes);
	const bySection = groupBy(built, (a) => a.sectionId);
	return {
		plan,
		sections: p.sections.map((s) => ({ ...s, activities: bySection.get(s.id) ?? [] })),
		summary: summarise(plan, built),
		planTitles
	};
}
