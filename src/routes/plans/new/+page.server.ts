import { error, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as territories from '$lib/server/territories';
import { attempt, field, idParam, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import { yearInBishkek } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

async function municipality(sql: ReturnType<typeof app.sql>, url: URL) {
	const tr = await territories.ref(sql, idParam(url.searchParams.get('municipality')));
	if (!tr || !['municipality', 'town'].includes(tr.kind)) error(404, t('error_not_found'));
	return tr;
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const tr = await municipality(sql, event.url);
	if (!plans.can(actor, 'create', { municipalityId: tr.id, regionId: tr.regionId })) error(403, t('error_forbidden'));
	return { municipality: tr, year: yearInBishkek() };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const tr = await municipality(sql, event.url);
		const form = await event.request.formData();
		const periodStart = Number(field(form, 'periodStart'));
		const periodEnd = Number(field(form, 'periodEnd'));
		const submitted = {
			kind: field(form, 'kind'),
			title: field(form, 'title'),
			titleRu: field(form, 'titleRu'),
			periodStart: field(form, 'periodStart'),
			periodEnd: field(form, 'periodEnd'),
			sections: field(form, 'sections'),
			sectionsRu: field(form, 'sectionsRu'),
			envelopes: Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith('envelope_')).map(([k, v]) => [k.slice(9), String(v)]))
		};
		const result = await attempt(
			() =>
				plans.createPlan(sql, actor, {
					municipalityId: tr.id,
					kind: submitted.kind,
					title: submitted.title,
					titleRu: submitted.titleRu,
					periodStart,
					periodEnd,
					// the two lists pair line by line: the n-th Russian line titles the n-th section
					sections: submitted.sections.split(/\r?\n/),
					sectionsRu: submitted.sectionsRu.split(/\r?\n/),
					envelopes: Object.entries(submitted.envelopes).map(([year, amount]) => ({ year: Number(year), amount }))
				}),
			{ submitted }
		);
		if (!result.ok) return result.failure;
		redirect(303, localizeHref(`/plans/${result.value}`));
	}
};
