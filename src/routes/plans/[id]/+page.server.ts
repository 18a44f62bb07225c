import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import * as approval from '$lib/server/approval';
import { attempt, field, idParam, intField, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import { wordingIn } from '$lib/plans/wording';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const view = await guard(() => plans.planView(sql, actor, idParam(event.params.id)));
	const ref = await plans.planRef(sql, view.plan.id);
	const review = await approval.approvalInfo(sql, actor, view.plan.id);
	const allComments = await approval.comments(sql, actor, view.plan.id);
	const allAmendments = await approval.amendments(sql, actor, view.plan.id);
	return {
		view,
		review,
		canEdit: plans.can(actor, 'edit', ref) && ref.state === 'draft',
		canSubmit: approval.canReview(actor, 'submit', ref) && ref.state === 'draft',
		canRevise: approval.canReview(actor, 'revise', ref) && ref.state === 'approved' && !review.revisions.some((r) => r.state !== 'approved'),
		canComment: approval.canReview(actor, 'comment', ref),
		planComments: allComments.filter((c) => c.targetKind === 'plan'),
		sectionComments: allComments.filter((c) => c.targetKind === 'section'),
		openAmendments: allAmendments.filter((a) => a.state === 'proposed').length,
		commentsByActivity: Object.fromEntries(
			view.sections.flatMap((s) => s.activities).map((a) => [a.id, allComments.filter((c) => (c.targetKind === 'activity' && c.targetId === a.id) || (c.targetKind === 'budget_line' && a.budget.some((b) => b.id === c.targetId))).length])
		)
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const actor = requireActor(event);
		const result = await attempt(() => approval.submit(app.sql(), actor, idParam(event.params.id)), { action: 'submit' });
		if (!result.ok) return result.failure;
		// a problem names its activity in the reader's language
		const named = (p: approval.Problem) => (p.wording ? { title: wordingIn(p.wording, event.locals.locale).text } : {});
		const problems = result.value.problems.map((p) => ({ activityId: p.activityId ?? null, message: t(p.code, { ...p.params, ...named(p) }) }));
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
		// a form without the Russian title (an old page) keeps it as it is
		const titleRu = form.has('titleRu') ? field(form, 'titleRu') : undefined;
		const input = { kind: field(form, 'kind'), title: field(form, 'title'), titleRu, envelopes, rowVersion: intField(form, 'rowVersion') ?? 0 };
		const result = await attempt(() => plans.updatePlan(app.sql(), actor, idParam(event.params.id), input), { action: 'settings' });
		if (!result.ok) return result.failure;
		return { action: 'settings', saved: true };
	},
	addSection: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const titles = { title: field(form, 'title'), titleRu: field(form, 'titleRu') };
		const result = await attempt(() => plans.addSection(app.sql(), actor, idParam(event.params.id), titles.title, titles.titleRu), { action: 'addSection', ...titles });
		if (!result.ok) return result.failure;
		return { action: 'addSection', saved: true };
	},
	updateSection: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const sectionId = intField(form, 'sectionId') ?? 0;
		const input = { title: field(form, 'title'), titleRu: field(form, 'titleRu'), rowVersion: intField(form, 'rowVersion') ?? 0 };
		const result = await attempt(() => plans.updateSection(app.sql(), actor, idParam(event.params.id), sectionId, input), { action: 'updateSection', sectionId, ...input });
		if (!result.ok) return result.failure;
		return { action: 'updateSection', saved: true };
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
		// the one text box takes the wording in the page's language; the activity page has both
		const text = field(form, 'title');
		const wording = field(form, 'lang') === 'ru' ? { title: '', titleRu: text } : { title: text, titleRu: '' };
		const result = await attempt(() => plans.addLocalActivity(app.sql(), actor, idParam(event.params.id), { sectionId, ...wording }), { action: 'addLocal', sectionId, title: text });
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
