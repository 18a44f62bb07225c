import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { Forbidden } from '../errors';
import * as catalogue from '../catalogue';
import type { Locale } from '../../format';
import type { Texts } from '../catalogue/plan-file';
import { parseScope, planStanding, plansInScope } from '../../catalogue/standing';
import { can } from './permissions';
import { planRef } from './plans';
import { adoptedMeasureIds } from './activities';
import { planView } from './view';

/** What the picker's search asks for, as parsed from the address. */
export interface PickerQuery {
	q: string;
	/** the `plan` parameter: a scope word or a plan id */
	plan: string | null;
	pillar: string | null;
	goal: number | null;
	tag: string | null;
	body: string | null;
	lsg: boolean;
	localBudget: boolean;
	lang: Locale;
	/** one measure only, whatever its plan (the measure page's "add to my plan") */
	measure?: number | null;
}

/**
 * The picker inside a plan: the catalogue's hits for the query, by default only in the national
 * plans of this plan's period (expired and other plans on request, labelled), with the measures
 * the plan already adopted. Only who may edit the plan opens it.
 */
export async function pickerPage(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	query: PickerQuery
) {
	const ref = await planRef(sql, planId);
	if (!can(actor, 'edit', ref)) throw new Forbidden();
	const period = { start: ref.periodStart, end: ref.periodEnd };
	const nationalPlans = await catalogue.listPlans(sql);
	const { scope, planIds } = plansInScope(nationalPlans, period, parseScope(query.plan));
	const { plan: _plan, measure, ...rest } = query;
	const pillar =
		rest.pillar && (catalogue.PILLARS as readonly string[]).includes(rest.pillar)
			? rest.pillar
			: null;
	const filters = measure
		? { ...rest, q: '', pillar: null, node: measure, plans: null, limit: 1 }
		: { ...rest, pillar, plans: planIds, limit: 100 };
	const [view, results, adopted, options] = await Promise.all([
		planView(sql, actor, planId),
		catalogue.search(sql, filters),
		adoptedMeasureIds(sql, planId),
		catalogue.filterOptions(sql)
	]);
	return {
		plan: view.plan,
		period,
		measure: measure ?? null,
		firstIndicators: await firstIndicators(
			sql,
			results.hits.map((h) => h.id)
		),
		sections: view.sections.map((s) => ({ id: s.id, title: s.title, titleRu: s.titleRu })),
		nationalPlans: nationalPlans.map((np) => ({ ...np, standing: planStanding(np, period) })),
		scope,
		filters,
		results,
		adopted,
		options
	};
}

/** The first national indicator of each measure, in both languages: a first indicator starts from it. */
async function firstIndicators(sql: Sql, ids: number[]): Promise<Record<number, Texts>> {
	if (ids.length === 0) return {};
	const rows = await sql<{ id: number; first: Texts | null }[]>`
		select node_id as id, indicators -> 0 as first
		from measure_detail
		where node_id in ${sql(ids)}`;
	return Object.fromEntries(rows.filter((r) => r.first).map((r) => [r.id, r.first!]));
}

/** The draft plans the actor may add measures to, newest first: the measure page's "add to my plan". */
export async function draftPlansFor(sql: Sql, actor: Actor | null) {
	const mine = (actor?.memberships ?? [])
		.filter(
			(m) =>
				m.role === 'staff' &&
				m.territoryId !== null &&
				can(actor, 'edit', { municipalityId: m.territoryId, regionId: 0 })
		)
		.map((m) => m.territoryId as number);
	if (mine.length === 0) return [];
	return sql<
		{ id: number; title: string; titleRu: string; periodStart: number; periodEnd: number }[]
	>`
		select id, title, title_ru, period_start, period_end
		from local_plan
		where municipality_id in ${sql(mine)}
			and state = 'draft'
		order by updated_at desc, id desc
		limit 10`;
}
