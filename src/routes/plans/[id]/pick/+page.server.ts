import { error } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as catalogue from '$lib/server/catalogue';
import { attempt, idParam, requireActor } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import type { Locale } from '$lib/format';
import { parseScope, planStanding, plansInScope } from '$lib/catalogue/standing';
import type { Actions, PageServerLoad } from './$types';

/** Search the catalogue from inside a plan and adopt one or many measures at once. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const planId = idParam(event.params.id);
	const ref = await plans.planRef(sql, planId).catch((e) => {
		if (isDomainError(e)) error(404, t('error_not_found'));
		throw e;
	});
	if (!plans.can(actor, 'edit', ref)) error(403, t('error_forbidden'));
	const p = event.url.searchParams;
	const int = (n: string) => (/^\d{1,12}$/.test(p.get(n) ?? '') ? Number(p.get(n)) : null);
	const pillar = p.get('pillar');
	const period = { start: ref.periodStart, end: ref.periodEnd };
	const nationalPlans = await catalogue.listPlans(sql);
	// by default only the plans for this plan's period; expired and other plans on request, labelled
	const { scope, planIds } = plansInScope(nationalPlans, period, parseScope(p.get('plan')));
	const filters = {
		q: (p.get('q') ?? '').slice(0, 200),
		plans: planIds,
		pillar: pillar && (catalogue.PILLARS as readonly string[]).includes(pillar) ? pillar : null,
		goal: int('goal'),
		tag: p.get('tag')?.slice(0, 60) || null,
		body: /^[A-Z0-9_]{1,40}$/.test(p.get('body') ?? '') ? p.get('body') : null,
		lsg: p.get('lsg') === '1',
		localBudget: p.get('lb') === '1',
		lang: getLocale() as Locale,
		limit: 100
	};
	const [view, results, adopted, options] = await Promise.all([
		plans.planView(sql, actor, planId),
		catalogue.search(sql, filters),
		plans.adoptedMeasureIds(sql, planId),
		catalogue.filterOptions(sql)
	]);
	return {
		plan: view.plan,
		period,
		sections: view.sections.map((s) => ({ id: s.id, title: s.title })),
		nationalPlans: nationalPlans.map((np) => ({ ...np, standing: planStanding(np, period) })),
		scope,
		filters,
		results,
		adopted,
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
		const result = await attempt(
			() => plans.adoptMeasures(app.sql(), actor, planId, input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		const message = t('pick_done', {
			added: result.value.added.length,
			skipped: result.value.skipped.length
		});
		f.done(event, 'plan-status', { message, to: localizeHref(`/plans/${planId}`) });
	}
};
