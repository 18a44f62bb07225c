import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { localizeHref } from '$lib/paraglide/runtime';
import { t } from '$lib/i18n';
import * as app from '$lib/server/app';
import { handleCacheControl, handleCompression } from '$lib/server/compress';
import { loadActor } from '$lib/server/auth/actor';
import { passwordGate } from '$lib/server/auth/password-gate';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';

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
			setSessionCookie(event, token, session.expiresAt);
		} else {
			deleteSessionCookie(event);
		}
	}
	return resolve(event);
};

/** A user whose password an admin set changes it before anything else: pages lead to the password page, other requests are refused. */
const handlePasswordChange: Handle = ({ event, resolve }) => {
	switch (passwordGate(event.locals.actor, { method: event.request.method, routeId: event.route.id })) {
		case 'pass':
			return resolve(event);
		case 'redirect':
			redirect(303, localizeHref('/account/password'));
		case 'refuse':
			error(403, t('error_must_change_password'));
	}
};

// compression first: it sees the finished response, Cache-Control included
export const handle = sequence(handleCompression, handleCacheControl, handleLocale, handleAuth, handlePasswordChange);

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'not_found' : 'internal' };
};
