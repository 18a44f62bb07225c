import * as app from '$lib/server/app';
import * as users from '$lib/server/users';
import { attempt, field, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const result = await attempt(() =>
			users.changeOwnPassword(app.sql(), actor, {
				current: field(form, 'current'),
				next: field(form, 'next'),
				confirm: field(form, 'confirm'),
				keepSessionId: event.locals.session?.id
			})
		);
		if (!result.ok) return result.failure;
		return { saved: true };
	}
};
