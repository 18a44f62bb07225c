import * as app from '$lib/server/app';
import * as users from '$lib/server/users';
import { attempt, clientAddress, field, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	return { mustChange: actor.mustChangePassword };
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
				address: clientAddress(event),
				keepSessionId: event.locals.session?.id
			})
		);
		if (!result.ok) return result.failure;
		// the layout loads after the action: it must see that the password is no longer one to change
		event.locals.actor = { ...actor, mustChangePassword: false };
		return { saved: true };
	}
};
