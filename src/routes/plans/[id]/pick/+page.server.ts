import { error } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as catalogue from '$lib/server/catalogue';
import { attempt, idParam, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** Search the catalogue from inside a plan and adopt one or many measures at once. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const planId = idParam(event.params.id);
	const ref = await plans.planRef(sql, planId).catch(() => error(404, t('error_not_found')));
	if (!plans.can(actor, 'edit', ref)) error(403, t('error_forbidden'));
	const filters = { ...catalogue.filtersOf(f.parseQuery(event.url, catalogue.searchQuery)), limit: 100 };
	const [view, nationalPlans, results, adopted, options] = await Promise.all([
		plans.planView(sql, actor, planId),
		catalogue.listPlans(sql),
		catalogue.search(sql, filters),
		sql<{ measureNodeId: number }[]>`select measure_node_id from activity where local_plan_id = ${planId} and measure_node_id is not null`,
		catalogue.filterOptions(sql)
	]);
	return {
		plan: view.plan,
		sections: view.sections.map((s) => ({ id: s.id, title: s.title })),
		nationalPlans,
		filters,
		results,
		adopted: adopted.map((a) => a.measureNodeId),
		options
	};
};

const pick = f.shape({ measure: f.list(f.requiredId(), LIMITS.pick), sectionId: f.requiredId() });

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const planId = idParam(event.params.id);
		const parsed = await f.parseForm(event, pick, 'pick');
		if (!parsed.ok) return parsed.failure;
		const input = { sectionId: parsed.value.sectionId, measureNodeIds: parsed.value.measure };
		const result = await attempt(() => plans.adoptMeasures(app.sql(), actor, planId, input), parsed.submitted);
		if (!result.ok) return result.failure;
		const message = t('pick_done', { added: result.value.added.length, skipped: result.value.skipped.length });
		f.done(event, 'plan-status', { message, to: localizeHref(`/plans/${planId}`) });
	}
};
