import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { localizeHref } from '$lib/paraglide/runtime';
import { t } from '$lib/i18n';
import * as app from '$lib/server/app';
import { handleCacheControl, handleCompression } from '$lib/server/compress';
import { passwordGate } from '$lib/server/auth/password-gate';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionWithActor
} from '$lib/server/auth/session';

export const init: ServerInit = async () => {
	// the bench's cold-start floor: the same build, without the app's start-up (migrations, pool, jobs)
	if (process.env.AIYL_BENCH === '1' && process.env.AIYL_BENCH_NO_INIT === '1') return;
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
		// one query: the session, the actor with its territories' regions, the unread count for the layout
		const found = await validateSessionWithActor(app.sql(), token);
		if (found) {
			event.locals.session = found.session;
			event.locals.actor = found.actor;
			event.locals.unread = found.unread;
			// the browser's cookie already carries the expiry unless it was just extended
			if (found.renewed) setSessionCookie(event, token, found.session.expiresAt);
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
