import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as reports from '$lib/server/reports';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import { FUNDING } from '$lib/plans/vocabulary';
import { ACTIVITY_STATUSES, STOP_REASONS } from '$lib/reports/vocabulary';
import { parsePeriod } from '$lib/reports/periods';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A period code from the route (2025, 2026S1, 2026Q3); anything else is "not found". */
const periodParam = (event: Pick<RequestEvent, 'params'>) => {
	const code = event.params.period;
	if (!parsePeriod(code)) error(404, t('error_not_found'));
	return code;
};

/** One report of an approved plan: filled here by its staff, read by the kenesh, the oblast and the ministry once submitted. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const page = await guard(() =>
		reports.reportPage(app.sql(), actor, idParam(event.params.id), periodParam(event))
	);
	return { page, flash: f.flash(event) };
};

/**
 * One activity's part: its status and words, and per row of the page (`female_<indicator id>`,
 * `spent_<budget line id>`…) an indicator's actuals or a budget line's spending and beneficiaries.
 */
const activity = f.shape(
	{
		activityId: f.requiredId(),
		status: f.choice(ACTIVITY_STATUSES, { label: 'report_status' }),
		reason: f.optionalChoice(STOP_REASONS, { label: 'report_reason' }),
		reasonText: f.text(LIMITS.reportReason, { label: 'report_reason_text' }),
		narrative: f.text(LIMITS.reportText, { label: 'report_narrative' }),
		problems: f.text(LIMITS.reportText, { label: 'report_problems' })
	},
	{
		female: f.text(LIMITS.number, { label: 'report_actual_female' }),
		male: f.text(LIMITS.number, { label: 'report_actual_male' }),
		total: f.text(LIMITS.number, { label: 'report_actual_total' }),
		spent: f.text(LIMITS.amount, { label: 'report_col_spent' }),
		women: f.int(0, f.INT_MAX, { label: 'indicator_women' }),
		men: f.int(0, f.INT_MAX, { label: 'indicator_men' }),
		girls: f.int(0, f.INT_MAX, { label: 'indicator_girls' }),
		boys: f.int(0, f.INT_MAX, { label: 'indicator_boys' })
	}
);

type Row = {
	female?: string;
	male?: string;
	total?: string;
	spent?: string;
	women?: number | null;
	men?: number | null;
	girls?: number | null;
	boys?: number | null;
};

const extra = f.shape({
	activityId: f.id({ optional: true }),
	description: f.text(LIMITS.reportExtra, { required: true, label: 'report_extra_description' }),
	spent: f.text(LIMITS.amount, { required: true, label: 'report_col_spent' }),
	source: f.choice(
		FUNDING.filter((s) => s !== 'unfunded'),
		{ label: 'budget_source' }
	),
	donorName: f.text(LIMITS.donorName, { label: 'budget_donor' }),
	marker: f.choice(['0', '1', '2'], { label: 'budget_marker' }),
	genderShare: f.text(LIMITS.number, { label: 'budget_share' })
});

const extraRef = f.shape({ extraId: f.requiredId() });
/** `target` is the line commented on: `report_activity:<activity id>` or `report_spending:<budget line id>`. */
const comment = f.shape({
	target: f.text(60, { label: 'report_comment_kind' }),
	body: f.text(LIMITS.comment, { required: true, label: 'comment_write' })
});
const TARGET = /^(report_activity|report_spending):([1-9]\d{0,14})$/;
const none = f.shape({});

export const actions: Actions = {
	activity: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, activity, 'activity');
		if (!parsed.ok) return parsed.failure;
		const actuals: reports.ActivityReportInput['actuals'] = {};
		const spending: reports.ActivityReportInput['spending'] = {};
		for (const [id, raw] of Object.entries(parsed.rows)) {
			const row = raw as Row;
			if ('female' in row || 'male' in row || 'total' in row)
				actuals[Number(id)] = { female: row.female, male: row.male, total: row.total };
			if (['spent', 'women', 'men', 'girls', 'boys'].some((k) => k in row))
				spending[Number(id)] = {
					spent: row.spent ?? '',
					women: row.women ?? null,
					men: row.men ?? null,
					girls: row.girls ?? null,
					boys: row.boys ?? null
				};
		}
		const result = await attempt(
			() =>
				reports.saveActivity(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					...parsed.value,
					actuals,
					spending
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	extra: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, extra, 'extra', {});
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.addExtraSpending(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					...parsed.value,
					marker: Number(parsed.value.marker)
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'extra');
	},
	deleteExtra: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, extraRef, 'del-extra');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.deleteExtraSpending(
					app.sql(),
					actor,
					idParam(event.params.id),
					periodParam(event),
					parsed.value.extraId
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'extras', { message: t('deleted') });
	},
	comment: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, comment, 'comment');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.addReportComment(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					targetKind: TARGET.exec(parsed.value.target)?.[1] ?? '',
					targetId: Number(TARGET.exec(parsed.value.target)?.[2] ?? 0),
					body: parsed.value.body
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	submit: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, none, 'submit-report');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				reports.submitReport(app.sql(), actor, idParam(event.params.id), periodParam(event), {
					boss: app.jobs()
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'report-status', { message: t('report_submitted_flash') });
	}
};
