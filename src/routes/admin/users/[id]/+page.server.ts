import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as users from '$lib/server/users';
import * as territories from '$lib/server/territories';
import * as audit from '$lib/server/audit';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import { roleFields, roleOf } from '../role-form';
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
		isSelf: actor.id === id,
		flash: f.flash(event)
	};
};

const setRole = f.shape(roleFields);
const resetPassword = f.shape({
	password: f.password(LIMITS.password, { required: true, label: 'password_new' })
});
const setActive = f.shape({ active: f.choice(['true', 'false']) });

export const actions: Actions = {
	setRole: async (event) => {
		const actor = requireActor(event);
		if (!users.can(actor, 'set_roles')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, setRole, 'role');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => users.setRoles(app.sql(), actor, idParam(event.params.id), [roleOf(parsed.value)]),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'role');
	},
	resetPassword: async (event) => {
		const actor = requireActor(event);
		if (!users.can(actor, 'reset_password')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, resetPassword, 'reset-password');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => users.resetPassword(app.sql(), actor, idParam(event.params.id), parsed.value.password),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'reset-password');
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
		if (!users.can(actor, 'deactivate')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, setActive, 'active');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() =>
				users.setActive(app.sql(), actor, idParam(event.params.id), parsed.value.active === 'true'),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'active');
	}
};
