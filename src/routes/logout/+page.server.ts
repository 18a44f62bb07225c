import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/href';
import * as app from '$lib/server/app';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, localizeHref('/'));

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.session) await invalidateSession(app.sql(), event.locals.session.id);
		deleteSessionCookie(event);
		redirect(303, localizeHref('/login'));
	}
};
