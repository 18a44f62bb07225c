import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as users from '$lib/server/users';
import * as territories from '$lib/server/territories';
import { roleFromForm } from './role-form';
import { attempt, field, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!users.can(actor, 'list')) error(403, t('error_forbidden'));
	const sql = app.sql();
	return {
		users: await guard(() => users.list(sql, actor)),
		municipalities: await territories.municipalities(sql),
		regions: await territories.regions(sql)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const input = {
			username: field(form, 'username'),
			fullName: field(form, 'fullName'),
			password: field(form, 'password'),
			locale: (['ky', 'ru', 'en'].includes(field(form, 'locale')) ? field(form, 'locale') : 'ky') as 'ky' | 'ru' | 'en',
			role: roleFromForm(form)
		};
		const { password: _omit, ...submitted } = input;
		const result = await attempt(() => users.create(app.sql(), actor, input), { create: submitted });
		if (!result.ok) return result.failure;
		return { created: input.username.trim().toLowerCase() };
	}
};
