import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { Forbidden } from '../errors';
import * as catalogue from '../catalogue';
import type { Locale } from '../../format';
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
	const { plan: _plan, ...rest } = query;
	const pillar =
		rest.pillar && (catalogue.PILLARS as readonly string[]).includes(rest.pillar)
			? rest.pillar
			: null;
	const filters = { ...rest, pillar, plans: planIds, limit: 100 };
	const [view, results, adopted, options] = await Promise.all([
		planView(sql, actor, planId),
		catalogue.search(sql, filters),
		adoptedMeasureIds(sql, planId),
		catalogue.filterOptions(sql)
	]);
	return {
		plan: view.plan,
		period,
		sections: view.sections.map((s) => ({ id: s.id, title: s.title, titleRu: s.titleRu })),
		nationalPlans: nationalPlans.map((np) => ({ ...np, standing: planStanding(np, period) })),
		scope,
		filters,
		results,
		adopted,
		options
	};
}
