import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import type { Locale } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

/** Search the catalogue from inside a plan and adopt one or many measures at once. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const planId = idParam(event.params.id);
	const p = event.url.searchParams;
	const int = (n: string) => (/^\d{1,12}$/.test(p.get(n) ?? '') ? Number(p.get(n)) : null);
	const query: plans.PickerQuery = {
		q: (p.get('q') ?? '').slice(0, 200),
		plan: p.get('plan'),
		pillar: p.get('pillar'),
		goal: int('goal'),
		tag: p.get('tag')?.slice(0, 60) || null,
		body: /^[A-Z0-9_]{1,40}$/.test(p.get('body') ?? '') ? p.get('body') : null,
		lsg: p.get('lsg') === '1',
		localBudget: p.get('lb') === '1',
		lang: getLocale() as Locale
	};
	return guard(() => plans.pickerPage(app.sql(), actor, planId, query));
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
