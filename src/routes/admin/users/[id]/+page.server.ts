import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as users from '$lib/server/users';
import * as territories from '$lib/server/territories';
import * as audit from '$lib/server/audit';
import { attempt, field, idParam, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import { roleFromForm } from '../role-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!users.can(actor, 'list')) error(403, t('error_forbidden'));
	const sql = app.sql();
	const id = idParam(event.params.id);
	return {
		user: await guard(() => users.get(sql, actor, id)),
		history: await audit.forEntity(sql, 'user', id),
		municipalities: await territories.municipalities(sql),
		regions: await territories.regions(sql),
		isSelf: actor.id === id
	};
};

export const actions: Actions = {
	setRole: async (event) => {
		const actor = requireActor(event);
		const id = idParam(event.params.id);
		const form = await event.request.formData();
		const role = roleFromForm(form);
		const result = await attempt(() => users.setRoles(app.sql(), actor, id, [role]));
		if (!result.ok) return result.failure;
		return { saved: 'role' };
	},
	resetPassword: async (event) => {
		const actor = requireActor(event);
		const id = idParam(event.params.id);
		const form = await event.request.formData();
		const result = await attempt(() => users.resetPassword(app.sql(), actor, id, field(form, 'password')));
		if (!result.ok) return result.failure;
		return { saved: 'password' };
	},
	unlock: async (event) => {
		const actor = requireActor(event);
		const id = idParam(event.params.id);
		const result = await attempt(() => users.unlock(app.sql(), actor, id));
		if (!result.ok) return result.failure;
		return { saved: 'unlock' };
	},
	setActive: async (event) => {
		const actor = requireActor(event);
		const id = idParam(event.params.id);
		const form = await event.request.formData();
		const result = await attempt(() => users.setActive(app.sql(), actor, id, field(form, 'active') === 'true'));
		if (!result.ok) return result.failure;
		return { saved: 'active' };
	}
};
