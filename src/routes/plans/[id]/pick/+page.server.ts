import { getLocale } from '$lib/paraglide/runtime';
import { localizeHref } from '$lib/i18n/href';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import type { Locale } from '$lib/format';
import { FUNDING } from '$lib/plans/vocabulary';
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
		lang: getLocale() as Locale,
		measure: int('measure')
	};
	return guard(() => plans.pickerPage(app.sql(), actor, planId, query));
};

/**
 * The measures ticked and the section they go to; per measure (fields `amount_<measure id>`…) its
 * own section, a first budget line and, for a gender marker, a first indicator by sex.
 */
const pick = f.shape(
	{ measure: f.list(f.requiredId(), LIMITS.pick), sectionId: f.requiredId() },
	{
		section: f.id({ optional: true }),
		year: f.int(f.YEARS.min, f.YEARS.max, { label: 'budget_year' }),
		amount: f.text(LIMITS.amount, { label: 'budget_amount' }),
		source: f.optionalChoice(FUNDING, { label: 'budget_source' }),
		donor: f.text(LIMITS.donorName, { label: 'budget_donor' }),
		marker: f.optionalChoice(['0', '1', '2'], { label: 'budget_marker' }),
		share: f.text(LIMITS.number, { label: 'budget_share' }),
		justification: f.text(LIMITS.justification, { label: 'budget_justification' }),
		indicator: f.text(LIMITS.indicatorName, { label: 'indicator_name' }),
		women: f.text(LIMITS.number, { label: 'women' }),
		men: f.text(LIMITS.number, { label: 'men' })
	}
);

type Row = {
	section?: number | null;
	year?: number | null;
	amount?: string;
	source?: string | null;
	donor?: string;
	marker?: string | null;
	share?: string;
	justification?: string;
	indicator?: string;
	women?: string;
	men?: string;
};

/** What was typed for one ticked measure: its section, and its first line when an amount was typed. */
function firstLine(row: Row | undefined, firstYear: number): plans.FirstLine {
	if (!row) return {};
	const amount = row.amount?.trim() ?? '';
	const year = row.year ?? firstYear;
	return {
		sectionId: row.section ?? null,
		line: amount
			? {
					year,
					amount,
					source: row.source || 'local_budget',
					donorName: row.donor ?? '',
					marker: Number(row.marker || 0),
					genderShare: row.share ?? '',
					justification: row.justification ?? ''
				}
			: null,
		indicator: row.indicator?.trim()
			? { name: row.indicator, women: row.women ?? '', men: row.men ?? '' }
			: null
	};
}

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const planId = idParam(event.params.id);
		const parsed = await f.parseForm(event, pick, 'pick');
		if (!parsed.ok) return parsed.failure;
		const sql = app.sql();
		const { periodStart } = await plans.planRef(sql, planId);
		const ticked = parsed.value.measure;
		const input: plans.AdoptInput = {
			sectionId: parsed.value.sectionId,
			measureNodeIds: ticked,
			first: Object.fromEntries(
				ticked.map((id) => [id, firstLine(parsed.rows[id] as Row | undefined, periodStart)])
			)
		};
		const result = await attempt(
			() => plans.adoptAndBudget(sql, actor, planId, input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		const { added, skipped, lines, indicators, warnings } = result.value;
		const message = [
			t('pick_done', { added: added.length, skipped: skipped.length }),
			lines ? t('pick_done_lines', { lines, indicators }) : ''
		]
			.filter(Boolean)
			.join(' ');
		// the message waits at the top of the section the first measure went into, scrolled to
		const section = input.first?.[ticked.find((id) => result.value.byMeasure[id])!]?.sectionId;
		f.done(event, `added-${section ?? input.sectionId}`, {
			message,
			warnings: warnings.map((w) => t(w.code, w.params)),
			to: localizeHref(`/plans/${planId}`)
		});
	}
};
