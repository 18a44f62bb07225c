import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as users from '$lib/server/users';
import * as territories from '$lib/server/territories';
import { roleFields, roleOf } from './role-form';
import { attempt, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!users.can(actor, 'list')) error(403, t('error_forbidden'));
	const sql = app.sql();
	return {
		users: await guard(() => users.list(sql, actor)),
		municipalities: await territories.municipalities(sql),
		regions: await territories.regions(sql),
		flash: f.flash(event)
	};
};

const create = f.shape({
	username: f.text(LIMITS.username, { required: true, label: 'username' }),
	fullName: f.text(LIMITS.fullName, { required: true, label: 'full_name' }),
	password: f.password(LIMITS.password, { required: true, label: 'password_initial' }),
	locale: f.choice(['ky', 'ru', 'en'], { label: 'language' }),
	...roleFields
});

export const actions: Actions = {
	create: async (event) => {
		const actor = requireActor(event);
		// who may comes before what was sent: a refused role learns nothing about the form
		if (!users.can(actor, 'create')) error(403, t('error_forbidden'));
		const parsed = await f.parseForm(event, create, 'new-user');
		if (!parsed.ok) return parsed.failure;
		const { username, fullName, password, locale, ...role } = parsed.value;
		const input = { username, fullName, password, locale, role: roleOf(role) };
		const result = await attempt(() => users.create(app.sql(), actor, input), parsed.submitted);
		if (!result.ok) return result.failure;
		f.done(event, 'new-user', {
			message: t('user_created', { username: username.trim().toLowerCase() })
		});
	}
};
