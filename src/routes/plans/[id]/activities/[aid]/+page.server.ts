import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as approval from '$lib/server/approval';
import * as expertise from '$lib/server/expertise';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { FUNDING, INDICATOR_KINDS } from '$lib/server/plans/types';
import { AGE_BANDS, DISABILITY, POPULATIONS } from '$lib/plans/vocabulary';
import { t } from '$lib/i18n';
import { formatMoney } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const planId = idParam(event.params.id);
	const activityId = idParam(event.params.aid);
	const view = await guard(() => plans.planView(sql, actor, planId, { activityId }));
	const section = view.sections.find((s) => s.activities.some((a) => a.id === activityId));
	if (!section) error(404, t('error_not_found'));
	const activity = section.activities.find((a) => a.id === activityId)!;
	const ref = view.ref;
	const lineIds = new Set(activity.budget.map((b) => b.id));
	const mine = <T extends { targetKind: string; targetId: number }>(x: T) =>
		(x.targetKind === 'activity' && x.targetId === activityId) ||
		(x.targetKind === 'budget_line' && lineIds.has(x.targetId));
	// the plan as the view has just read it: not read again for each of them
	const given = { plan: ref };
	const [history, comments, amendments, review, acts] = await Promise.all([
		plans.history(sql, actor, activityId),
		approval.comments(sql, actor, planId, given),
		approval.amendments(sql, actor, planId, given),
		approval.approvalInfo(sql, actor, planId, given),
		expertise.forActivity(sql, actor, activityId)
	]);
	const openRevision = review.revisions.find((r) => r.state !== 'approved') ?? null;
	return {
		plan: view.plan,
		state: ref.state,
		lock: {
			approval: review.approval && {
				decisionNumber: review.approval.decisionNumber,
				decisionDate: review.approval.decisionDate
			},
			submittedAt: review.submittedAt,
			openRevisionId: openRevision?.id ?? null
		},
		canRevise: approval.can(actor, 'revise', ref) && ref.state === 'approved' && !openRevision,
		section: { id: section.id, title: section.title, titleRu: section.titleRu },
		activity,
		history,
		acts,
		comments: comments.filter(mine),
		amendments: amendments.filter(mine),
		canEdit: plans.can(actor, 'edit', ref) && ref.state === 'draft',
		canComment: approval.can(actor, 'comment', ref),
		canAmend: approval.can(actor, 'amend', ref) && ref.state === 'submitted',
		canDecide: approval.can(actor, 'decide_amendment', ref) && ref.state === 'submitted',
		flash: f.flash(event)
	};
};

const activityId = (params: { id: string; aid: string }) => idParam(params.aid);

const comment = f.shape({
	targetKind: f.choice(['activity', 'budget_line']),
	targetId: f.requiredId(),
	parentId: f.id({ optional: true }),
	body: f.text(LIMITS.comment, { required: true, label: 'comment_write' })
});

const propose = f.shape({
	target: f.text(40),
	title: f.text(LIMITS.activityTitle, { label: 'amendment_new_wording' }),
	titleRu: f.text(LIMITS.activityTitle, { label: 'amendment_new_wording_ru' }),
	amount: f.text(LIMITS.amount, { label: 'amendment_new_amount' }),
	marker: f.optionalChoice(['0', '1', '2'], { label: 'budget_marker' }),
	genderShare: f.text(LIMITS.number, { label: 'budget_share' }),
	source: f.optionalChoice(FUNDING, { label: 'budget_source' }),
	donorName: f.text(LIMITS.donorName, { label: 'budget_donor' }),
	justification: f.text(LIMITS.justification, { label: 'budget_justification' }),
	reason: f.text(LIMITS.amendmentReason, { label: 'amendment_reason' })
});

const decide = f.shape({
	amendmentId: f.requiredId(),
	decision: f.choice(['accept', 'reject']),
	reason: f.text(LIMITS.amendmentReason, { label: 'amendment_reason_label' })
});

const update = f.shape({
	rowVersion: f.whole(0, f.INT_MAX),
	// Kyrgyz, Russian or both: the domain asks for one of the two
	title: f.text(LIMITS.activityTitle, { label: 'field_title' }),
	titleRu: f.text(LIMITS.activityTitle, { label: 'field_titleRu' }),
	reason: f.text(LIMITS.reason, { label: 'field_reason' }),
	responsible: f.text(LIMITS.responsible, { label: 'field_responsible' }),
	partners: f.text(LIMITS.partners, { label: 'field_partners' }),
	targetGroups: f.text(LIMITS.targetGroups, { label: 'field_targetGroups' }),
	startYear: f.int(f.YEARS.min, f.YEARS.max, { label: 'start_year' }),
	startQuarter: f.int(1, 4, { label: 'start_quarter' }),
	endYear: f.int(f.YEARS.min, f.YEARS.max, { label: 'end_year' }),
	endQuarter: f.int(1, 4, { label: 'end_quarter' })
});

/** The figure fields of one period (see figureField): the total, women and men, each age band, with and without disability. */
function periodFields(
	period: string,
	label: { label: string; labelParams?: Record<string, number> }
) {
	const figure = () => f.text(LIMITS.number, label);
	const parts = [
		'',
		'_female',
		'_male',
		...[...AGE_BANDS.children, ...AGE_BANDS.adults].map((b) => `_age_${b}`),
		...DISABILITY.map((d) => `_disability_${d}`)
	];
	return Object.fromEntries(parts.map((part) => [period + part, figure()]));
}

const indicator = f.shape({
	id: f.id({ optional: true }),
	rowVersion: f.int(0, f.INT_MAX),
	name: f.text(LIMITS.indicatorName, { required: true, label: 'indicator_name' }),
	unit: f.text(LIMITS.indicatorUnit, { label: 'indicator_unit' }),
	kind: f.choice(INDICATOR_KINDS, { label: 'indicator_kind' }),
	population: f.optionalChoice(POPULATIONS, { label: 'indicator_population' }),
	bySex: f.checkbox(),
	byAge: f.checkbox(),
	byDisability: f.checkbox(),
	dataSource: f.text(LIMITS.dataSource, { label: 'indicator_source' }),
	...periodFields('baseline', { label: 'indicator_baseline' }),
	...Object.fromEntries(
		Array.from({ length: f.YEARS.max - f.YEARS.min + 1 }, (_, i) => f.YEARS.min + i).flatMap(
			(year) =>
				Object.entries(
					periodFields(`target_${year}`, { label: 'indicator_target', labelParams: { year } })
				)
		)
	)
});

const beneficiaries = (label: string) => f.int(0, 9_999_999, { label });
const budget = f.shape({
	id: f.id({ optional: true }),
	rowVersion: f.int(0, f.INT_MAX),
	year: f.whole(f.YEARS.min, f.YEARS.max, { label: 'budget_year' }),
	amount: f.text(LIMITS.amount, { required: true, label: 'budget_amount' }),
	source: f.choice(FUNDING, { label: 'budget_source' }),
	donorName: f.text(LIMITS.donorName, { label: 'budget_donor' }),
	classificationCode: f.text(LIMITS.classificationCode, { label: 'budget_code' }),
	marker: f.whole(0, 2, { label: 'budget_marker' }),
	genderShare: f.text(LIMITS.number, { label: 'budget_share' }),
	justification: f.text(LIMITS.justification, { label: 'budget_justification' }),
	beneficiariesWomen: beneficiaries('women'),
	beneficiariesMen: beneficiaries('men'),
	beneficiariesGirls: beneficiaries('girls'),
	beneficiariesBoys: beneficiaries('boys')
});

const remove = f.shape({ id: f.requiredId() });

/** Each form of the page: parse what it sent, call the domain, answer with a redirect back to the form. */
export const actions: Actions = {
	comment: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, comment, 'comment');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => approval.addComment(app.sql(), actor, idParam(event.params.id), parsed.value),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	propose: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, propose, 'propose');
		if (!parsed.ok) return parsed.failure;
		const { target, reason, ...fields } = parsed.value;
		const proposed = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));
		const [targetKind, targetId] = target.split(':');
		const input = {
			targetKind: targetKind ?? '',
			targetId: /^\d{1,15}$/.test(targetId ?? '') ? Number(targetId) : 0,
			proposed,
			reason
		};
		const result = await attempt(
			() => approval.proposeAmendment(app.sql(), actor, idParam(event.params.id), input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	decide: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, decide, 'decide');
		if (!parsed.ok) return parsed.failure;
		const { amendmentId, decision, reason } = parsed.value;
		const result = await attempt(
			() =>
				approval.decideAmendment(app.sql(), actor, amendmentId, {
					accept: decision === 'accept',
					reason
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	update: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, update, 'activity');
		if (!parsed.ok) return parsed.failure;
		// a page from before Russian wordings sends none: the stored one stays
		const input = {
			...parsed.value,
			titleRu: 'titleRu' in parsed.submitted.values ? parsed.value.titleRu : undefined
		};
		const result = await attempt(
			() => plans.updateActivity(app.sql(), actor, activityId(event.params), input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form);
	},
	indicator: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, indicator, 'ind');
		if (!parsed.ok) return parsed.failure;
		const {
			id,
			name,
			unit,
			kind,
			population,
			bySex,
			byAge,
			byDisability,
			dataSource,
			rowVersion,
			...figures
		} = parsed.value;
		const input = {
			id,
			name,
			unit,
			kind,
			population,
			bySex,
			byAge,
			byDisability,
			dataSource,
			rowVersion,
			...plans.figuresFromForm(figures)
		};
		const result = await attempt(
			() => plans.saveIndicator(app.sql(), actor, activityId(event.params), input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, parsed.submitted.form, {
			warnings: result.value.warnings.map((w) => t(w.code, w.params))
		});
	},
	deleteIndicator: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, remove, 'del-ind');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => plans.deleteIndicator(app.sql(), actor, activityId(event.params), parsed.value.id),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'ind-new', { message: t('deleted') });
	},
	budget: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, budget, 'line');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => plans.saveBudgetLine(app.sql(), actor, activityId(event.params), parsed.value),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		const money = (v: string | number) => formatMoney(String(v), event.locals.locale);
		// a line's one warning, the exceeded envelope, carries both amounts
		const warnings = result.value.warnings.map((w) =>
			t(w.code, {
				...w.params,
				planned: money(w.params.planned!),
				envelope: money(w.params.envelope!)
			})
		);
		f.done(event, parsed.submitted.form, { warnings });
	},
	deleteBudget: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, remove, 'del-line');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => plans.deleteBudgetLine(app.sql(), actor, activityId(event.params), parsed.value.id),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'line-new', { message: t('deleted') });
	}
};
