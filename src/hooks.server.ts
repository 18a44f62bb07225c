import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import * as app from '$lib/server/app';
import { loadActor } from '$lib/server/auth/actor';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';

export const init: ServerInit = async () => {
	await app.start();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** Resolves the session cookie to an actor; anything unknown, forged or expired is anonymous and the cookie is dropped. */
const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.actor = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const sql = app.sql();
		const session = await validateSessionToken(sql, token);
		if (session) {
			event.locals.session = session;
			event.locals.actor = await loadActor(sql, session.userId);
			event.cookies.set(SESSION_COOKIE, token, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				secure: event.url.protocol === 'https:',
				expires: session.expiresAt
			});
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

export const handle = sequence(handleLocale, handleAuth);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'not_found' : 'internal' };
};
