import { error, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as catalogue from '$lib/server/catalogue';
import { attempt, idParam, intField, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** Search the catalogue from inside a plan and adopt one or many measures at once. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const planId = idParam(event.params.id);
	const ref = await plans.planRef(sql, planId).catch(() => error(404, t('error_not_found')));
	if (!plans.can(actor, 'edit', ref)) error(403, t('error_forbidden'));
	const p = event.url.searchParams;
	const int = (n: string) => (/^\d{1,12}$/.test(p.get(n) ?? '') ? Number(p.get(n)) : null);
	const pillar = p.get('pillar');
	const filters = {
		q: (p.get('q') ?? '').slice(0, 200),
		plan: int('plan'),
		pillar: pillar && (catalogue.PILLARS as readonly string[]).includes(pillar) ? pillar : null,
		goal: int('goal'),
		tag: p.get('tag')?.slice(0, 60) || null,
		body: /^[A-Z0-9_]{1,40}$/.test(p.get('body') ?? '') ? p.get('body') : null,
		lsg: p.get('lsg') === '1',
		localBudget: p.get('lb') === '1',
		limit: 100
	};
	const [view, nationalPlans, results, adopted, options] = await Promise.all([
		plans.planView(sql, actor, planId),
		catalogue.listPlans(sql),
		catalogue.search(sql, filters),
		sql<{ measureNodeId: number }[]>`select measure_node_id from activity where local_plan_id = ${planId} and measure_node_id is not null`,
		catalogue.filterOptions(sql)
	]);
	return {
		plan: view.plan,
		sections: view.sections.map((s) => ({ id: s.id, title: s.title, titleRu: s.titleRu })),
		nationalPlans,
		filters,
		results,
		adopted: adopted.map((a) => a.measureNodeId),
		options
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const planId = idParam(event.params.id);
		const form = await event.request.formData();
		const measureNodeIds = form.getAll('measure').map((v) => Number(v)).filter((n) => Number.isInteger(n));
		const sectionId = intField(form, 'sectionId') ?? 0;
		const result = await attempt(() => plans.adoptMeasures(app.sql(), actor, planId, { sectionId, measureNodeIds }));
		if (!result.ok) return result.failure;
		redirect(303, localizeHref(`/plans/${planId}?added=${result.value.added.length}&skipped=${result.value.skipped.length}`));
	}
};
