import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as approval from '$lib/server/approval';
import { attempt, field, idParam, intField, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const view = await guard(() => plans.planView(sql, actor, idParam(event.params.id)));
	const ref = view.ref;
	const [review, allComments, allAmendments] = await Promise.all([
		approval.approvalInfo(sql, actor, view.plan.id),
		approval.comments(sql, actor, view.plan.id),
		approval.amendments(sql, actor, view.plan.id)
	]);
	return {
		// the fields the page shows, not every field of every activity
		view: plans.planOutline(view, allComments),
		review,
		canEdit: plans.can(actor, 'edit', ref) && ref.state === 'draft',
		canSubmit: approval.canReview(actor, 'submit', ref) && ref.state === 'draft',
		canRevise: approval.canReview(actor, 'revise', ref) && ref.state === 'approved' && !review.revisions.some((r) => r.state !== 'approved'),
		canComment: approval.canReview(actor, 'comment', ref),
		planComments: allComments.filter((c) => c.targetKind === 'plan'),
		sectionComments: allComments.filter((c) => c.targetKind === 'section'),
		openAmendments: allAmendments.filter((a) => a.state === 'proposed').length
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const actor = requireActor(event);
		const result = await attempt(() => approval.submit(app.sql(), actor, idParam(event.params.id)), { action: 'submit' });
		if (!result.ok) return result.failure;
		const problems = result.value.problems.map((p) => ({ activityId: p.activityId ?? null, message: t(p.code, p.params ?? {}) }));
		return { action: 'submit', saved: problems.length === 0, problems };
	},
	revise: async (event) => {
		const actor = requireActor(event);
		const result = await attempt(() => approval.startRevision(app.sql(), actor, idParam(event.params.id)), { action: 'revise' });
		if (!result.ok) return result.failure;
		redirect(303, localizeHref(`/plans/${result.value}`));
	},
	comment: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const planId = idParam(event.params.id);
		const result = await attempt(
			() =>
				approval.addComment(app.sql(), actor, planId, {
					targetKind: field(form, 'targetKind') === 'section' ? 'section' : 'plan',
					targetId: field(form, 'targetKind') === 'section' ? (intField(form, 'targetId') ?? 0) : planId,
					parentId: intField(form, 'parentId'),
					body: field(form, 'body')
				}),
			{ action: 'comment', body: field(form, 'body') }
		);
		if (!result.ok) return result.failure;
		return { action: 'comment', saved: true };
	},
	settings: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const envelopes = [...form.entries()].filter(([k]) => k.startsWith('envelope_')).map(([k, v]) => ({ year: Number(k.slice(9)), amount: String(v) }));
		const input = { kind: field(form, 'kind'), title: field(form, 'title'), envelopes, rowVersion: intField(form, 'rowVersion') ?? 0 };
		const result = await attempt(() => plans.updatePlan(app.sql(), actor, idParam(event.params.id), input), { action: 'settings' });
		if (!result.ok) return result.failure;
		return { action: 'settings', saved: true };
	},
	addSection: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const result = await attempt(() => plans.addSection(app.sql(), actor, idParam(event.params.id), field(form, 'title')), { action: 'addSection', title: field(form, 'title') });
		if (!result.ok) return result.failure;
		return { action: 'addSection', saved: true };
	},
	deleteSection: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const result = await attempt(() => plans.deleteSection(app.sql(), actor, idParam(event.params.id), intField(form, 'sectionId') ?? 0), { action: 'deleteSection' });
		if (!result.ok) return result.failure;
		return { action: 'deleteSection', saved: true };
	},
	addLocal: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const sectionId = intField(form, 'sectionId') ?? 0;
		const result = await attempt(() => plans.addLocalActivity(app.sql(), actor, idParam(event.params.id), { sectionId, title: field(form, 'title') }), { action: 'addLocal', sectionId, title: field(form, 'title') });
		if (!result.ok) return result.failure;
		redirect(303, localizeHref(`/plans/${event.params.id}/activities/${result.value}`));
	},
	move: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const direction = field(form, 'direction');
		const sectionId = intField(form, 'sectionId');
		const result = await attempt(() =>
			plans.moveActivity(app.sql(), actor, intField(form, 'activityId') ?? 0, {
				direction: direction === 'up' || direction === 'down' ? direction : undefined,
				sectionId: sectionId ?? undefined
			})
		);
		if (!result.ok) return result.failure;
		return { action: 'move', saved: true };
	},
	deleteActivity: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const result = await attempt(() => plans.deleteActivity(app.sql(), actor, intField(form, 'activityId') ?? 0, { rowVersion: intField(form, 'rowVersion') ?? 0 }), { action: 'deleteActivity' });
		if (!result.ok) return result.failure;
		return { action: 'deleteActivity', saved: true };
	}
};
