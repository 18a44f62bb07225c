import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as approval from '$lib/server/approval';
import { attempt, field, idParam, intField, load as guard, requireActor } from '$lib/server/http';
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
	const mine = <T extends { targetKind: string; targetId: number }>(x: T) => (x.targetKind === 'activity' && x.targetId === activityId) || (x.targetKind === 'budget_line' && lineIds.has(x.targetId));
	const [history, comments, amendments] = await Promise.all([
		plans.history(sql, actor, activityId),
		approval.comments(sql, actor, planId),
		approval.amendments(sql, actor, planId)
	]);
	return {
		plan: view.plan,
		state: ref.state,
		section: { id: section.id, title: section.title },
		activity,
		history,
		comments: comments.filter(mine),
		amendments: amendments.filter(mine),
		canEdit: plans.can(actor, 'edit', ref) && ref.state === 'draft',
		canComment: approval.canReview(actor, 'comment', ref),
		canAmend: approval.canReview(actor, 'amend', ref) && ref.state === 'submitted',
		canDecide: approval.canReview(actor, 'decide_amendment', ref) && ref.state === 'submitted'
	};
};

const activityId = (params: { id: string; aid: string }) => idParam(params.aid);
const check = (form: FormData, name: string) => form.get(name) === 'on';

export const actions: Actions = {
	comment: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const input = { targetKind: field(form, 'targetKind'), targetId: intField(form, 'targetId') ?? 0, parentId: intField(form, 'parentId'), body: field(form, 'body') };
		const result = await attempt(() => approval.addComment(app.sql(), actor, idParam(event.params.id), input), { action: 'comment', body: input.body });
		if (!result.ok) return result.failure;
		return { action: 'comment', saved: true };
	},
	propose: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const proposed = Object.fromEntries(['title', 'amount', 'source', 'donorName', 'marker', 'genderShare', 'justification'].map((k) => [k, field(form, k)]).filter(([, v]) => v.trim() !== ''));
		const [targetKind, targetId] = field(form, 'target').split(':');
		const input = { targetKind: targetKind ?? '', targetId: /^\d+$/.test(targetId ?? '') ? Number(targetId) : 0, proposed, reason: field(form, 'reason') };
		const result = await attempt(() => approval.proposeAmendment(app.sql(), actor, idParam(event.params.id), input), { action: 'propose' });
		if (!result.ok) return result.failure;
		return { action: 'propose', saved: true };
	},
	decide: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const result = await attempt(() => approval.decideAmendment(app.sql(), actor, intField(form, 'amendmentId') ?? 0, { accept: field(form, 'decision') === 'accept', reason: field(form, 'reason') }), { action: 'decide' });
		if (!result.ok) return result.failure;
		return { action: 'decide', saved: true };
	},
	update: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const input = {
			title: field(form, 'title'),
			reason: field(form, 'reason'),
			responsible: field(form, 'responsible'),
			partners: field(form, 'partners'),
			targetGroups: field(form, 'targetGroups'),
			startYear: intField(form, 'startYear'),
			startQuarter: intField(form, 'startQuarter'),
			endYear: intField(form, 'endYear'),
			endQuarter: intField(form, 'endQuarter'),
			rowVersion: intField(form, 'rowVersion') ?? 0
		};
		const result = await attempt(() => plans.updateActivity(app.sql(), actor, activityId(event.params), input), { action: 'update', activity: input });
		if (!result.ok) return result.failure;
		return { action: 'update', saved: true };
	},
	indicator: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const targets = Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith('target_')).map(([k, v]) => [Number(k.slice(7)), String(v)]));
		const input = {
			id: intField(form, 'id'),
			name: field(form, 'name'),
			unit: field(form, 'unit'),
			kind: field(form, 'kind'),
			baseline: field(form, 'baseline'),
			bySex: check(form, 'bySex'),
			byAge: check(form, 'byAge'),
			byDisability: check(form, 'byDisability'),
			dataSource: field(form, 'dataSource'),
			targets,
			rowVersion: intField(form, 'rowVersion')
		};
		const result = await attempt(() => plans.saveIndicator(app.sql(), actor, activityId(event.params), input), { action: 'indicator', formId: field(form, 'formId'), indicatorInput: input });
		if (!result.ok) return result.failure;
		return { action: 'indicator', formId: field(form, 'formId'), saved: true };
	},
	deleteIndicator: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const result = await attempt(() => plans.deleteIndicator(app.sql(), actor, activityId(event.params), intField(form, 'id') ?? 0), { action: 'deleteIndicator' });
		if (!result.ok) return result.failure;
		return { action: 'deleteIndicator', saved: true };
	},
	budget: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const input = {
			id: intField(form, 'id'),
			year: intField(form, 'year') ?? 0,
			amount: field(form, 'amount'),
			source: field(form, 'source'),
			donorName: field(form, 'donorName'),
			classificationCode: field(form, 'classificationCode'),
			marker: intField(form, 'marker') ?? -1,
			genderShare: field(form, 'genderShare'),
			justification: field(form, 'justification'),
			beneficiariesWomen: field(form, 'beneficiariesWomen'),
			beneficiariesMen: field(form, 'beneficiariesMen'),
			beneficiariesGirls: field(form, 'beneficiariesGirls'),
			beneficiariesBoys: field(form, 'beneficiariesBoys'),
			rowVersion: intField(form, 'rowVersion')
		};
		const result = await attempt(() => plans.saveBudgetLine(app.sql(), actor, activityId(event.params), input), { action: 'budget', formId: field(form, 'formId'), budgetInput: input });
		if (!result.ok) return result.failure;
		const money = (v: string | number) => formatMoney(String(v), event.locals.locale);
		const warnings = result.value.warnings.map((w) => t(w.code, { ...w.params, planned: money(w.params.planned), envelope: money(w.params.envelope) }));
		return { action: 'budget', formId: field(form, 'formId'), saved: true, warnings };
	},
	deleteBudget: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const result = await attempt(() => plans.deleteBudgetLine(app.sql(), actor, activityId(event.params), intField(form, 'id') ?? 0), { action: 'deleteBudget' });
		if (!result.ok) return result.failure;
		return { action: 'deleteBudget', saved: true };
	}
};
