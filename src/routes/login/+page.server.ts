import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/href';
import * as users from '$lib/server/users';
import * as app from '$lib/server/app';
import { safeNext } from '$lib/server/auth/redirect';
import { SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/session';
import { attempt, clientAddress } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import type { Actions, PageServerLoad } from './$types';

/** The page to go to after login: `?next=` when it is a path of this site, else home. */
function destination(url: URL): string {
	return safeNext(url.searchParams.get('next'), url.origin) ?? localizeHref('/');
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, destination(url));
	return {};
};

const login = f.shape({
	username: f.text(LIMITS.username, { label: 'username' }),
	password: f.password(LIMITS.password, { label: 'password' })
});

export const actions: Actions = {
	default: async (event) => {
		const parsed = await f.parseForm(event, login, 'login');
		if (!parsed.ok) return parsed.failure;
		const { username, password } = parsed.value;
		const result = await attempt(
			() =>
				users.signIn(app.sql(), {
					username,
					password,
					address: clientAddress(event),
					previousToken: event.cookies.get(SESSION_COOKIE)
				}),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		setSessionCookie(event, result.value.token, result.value.session.expiresAt);
		redirect(303, destination(event.url));
	}
};
