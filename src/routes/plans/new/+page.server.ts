import { error, fail } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/href';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as territories from '$lib/server/territories';
import { attempt, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { LOCAL_PLAN_KINDS } from '$lib/server/plans/types';
import { t } from '$lib/i18n';
import { yearInBishkek } from '$lib/format';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

async function municipality(sql: ReturnType<typeof app.sql>, url: URL) {
	const query = f.parseQuery(url, { municipality: f.requiredId() });
	const tr = await territories.ref(sql, query.municipality);
	if (!tr || !['municipality', 'town'].includes(tr.kind)) error(404, t('error_not_found'));
	return tr;
}

/** The municipality in the address, if the actor may create a plan for it (403 otherwise). */
async function creatable(event: RequestEvent) {
	const actor = requireActor(event);
	const tr = await municipality(app.sql(), event.url);
	if (!plans.can(actor, 'create', { municipalityId: tr.id, regionId: tr.regionId }))
		error(403, t('error_forbidden'));
	return tr;
}

export const load: PageServerLoad = async (event) => {
	return { municipality: await creatable(event), year: yearInBishkek() };
};

const newPlan = f.shape({
	// Kyrgyz, Russian or both: the domain asks for one of the two
	title: f.text(LIMITS.planTitle, { label: 'plan_title_ky' }),
	titleRu: f.text(LIMITS.planTitle, { label: 'plan_title_ru' }),
	kind: f.choice(LOCAL_PLAN_KINDS, { label: 'plan_kind' }),
	periodStart: f.whole(f.YEARS.min, f.YEARS.max, { label: 'plan_period_start' }),
	periodEnd: f.whole(f.YEARS.min, f.YEARS.max, { label: 'plan_period_end' }),
	sections: f.text(LIMITS.sections * (LIMITS.sectionTitle + 1), { label: 'plan_sections' }),
	sectionsRu: f.text(LIMITS.sections * (LIMITS.sectionTitle + 1), { label: 'plan_sections_ru' }),
	...f.yearly('envelope_', (year) =>
		f.text(LIMITS.amount, { label: 'plan_envelope_year', labelParams: { year } })
	)
});

/**
 * The envelope fields follow the period typed. When the form was drawn for other years (no
 * JavaScript, or "Update the years") and an amount sits outside the period, the form comes back
 * drawn for the typed period with every value kept, instead of losing that amount.
 */
function envelopesOutside(
	value: Record<string, unknown>,
	periodStart: number,
	periodEnd: number
): boolean {
	return Object.entries(value).some(
		([k, v]) =>
			k.startsWith('envelope_') &&
			String(v).trim() !== '' &&
			(Number(k.slice(9)) < periodStart || Number(k.slice(9)) > periodEnd)
	);
}

export const actions: Actions = {
	create: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const tr = await municipality(sql, event.url);
		const parsed = await f.parseForm(event, newPlan, 'new-plan');
		if (!parsed.ok) return parsed.failure;
		const { periodStart, periodEnd, sections, sectionsRu, ...rest } = parsed.value;
		if (envelopesOutside(rest, periodStart, periodEnd)) {
			return fail(400, {
				...parsed.submitted,
				errors: {},
				message: t('plan_envelope_years_changed', { start: periodStart, end: periodEnd })
			});
		}
		const envelopes = Object.entries(rest)
			.filter(([k]) => k.startsWith('envelope_'))
			.map(([k, amount]) => ({ year: Number(k.slice(9)), amount: String(amount) }));
		const input = {
			municipalityId: tr.id,
			kind: rest.kind,
			title: rest.title,
			titleRu: rest.titleRu,
			periodStart,
			periodEnd,
			// the two lists pair line by line: the n-th Russian line titles the n-th section
			sections: sections.split('\n'),
			sectionsRu: sectionsRu.split('\n'),
			envelopes
		};
		const result = await attempt(() => plans.createPlan(sql, actor, input), parsed.submitted);
		if (!result.ok) return result.failure;
		f.done(event, 'plan-status', {
			message: t('plan_created'),
			to: localizeHref(`/plans/${result.value}`)
		});
	},
	/** Without JavaScript: draws the envelope fields for the period typed, keeping every value. */
	years: async (event) => {
		await creatable(event);
		const parsed = await f.parseForm(event, newPlan, 'new-plan');
		const submitted = parsed.ok ? parsed.submitted : parsed.failure.data;
		const start = Number(submitted.values.periodStart);
		const end = Number(submitted.values.periodEnd);
		return fail(400, {
			form: 'new-plan',
			values: submitted.values,
			errors: {},
			message: t('plan_envelope_years_changed', { start, end })
		});
	}
};
