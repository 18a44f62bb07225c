import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as users from '$lib/server/users';
import * as app from '$lib/server/app';
import { createSession, generateSessionToken, SESSION_COOKIE } from '$lib/server/auth/session';
import { attempt, clientAddress } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import type { Actions, PageServerLoad } from './$types';

/** Only local paths may be a post-login destination, so the login page cannot be used to send users elsewhere. */
function safeNext(next: string | null): string | null {
	return next && next.length <= 2000 && /^\/(?!\/)[^\\\u0000-\u001F\u007F]*$/.test(next) ? next : null;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, safeNext(url.searchParams.get('next')) ?? localizeHref('/'));
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
		const sql = app.sql();
		const result = await attempt(() => users.login(sql, { username, password, address: clientAddress(event) }), parsed.submitted);
		if (!result.ok) return result.failure;
		const token = generateSessionToken();
		const session = await createSession(sql, token, result.value);
		event.cookies.set(SESSION_COOKIE, token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			expires: session.expiresAt
		});
		redirect(303, safeNext(event.url.searchParams.get('next')) ?? localizeHref('/'));
	}
};
