import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as plans from '$lib/server/plans';
import { attempt, field, idParam, intField, load as guard, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const view = await guard(() => plans.planView(sql, actor, idParam(event.params.id)));
	const ref = await plans.planRef(sql, view.plan.id);
	return { view, canEdit: plans.can(actor, 'edit', ref) };
};

export const actions: Actions = {
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
