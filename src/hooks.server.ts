import {
	error,
	redirect,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { deLocalizeUrl } from '$lib/paraglide/runtime';
import { localizeHref } from '$lib/i18n/href';
import { t } from '$lib/i18n';
import * as app from '$lib/server/app';
import { handleCacheControl, handleCompression } from '$lib/server/compress';
import { htmlTag } from '$lib/server/html-tag';
import { isDatabaseUnavailable, isUnstorableText } from '$lib/server/db';
import * as edge from '$lib/server/edge';
import { LOW_VISION_COOKIE, lowVisionOf } from '$lib/server/preferences';
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
			// read when the page is rendered, after handleAuth has decided the low-vision mode
			transformPageChunk: ({ html }) =>
				htmlTag(html, locale, event.locals.lowVision ? 'low-vision' : '')
		});
	});

/** Resolves the session cookie to an actor; anything unknown, forged or expired is anonymous and the cookie is dropped. */
const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.actor = null;
	event.locals.session = null;
	const lowVisionCookie = event.cookies.get(LOW_VISION_COOKIE);
	event.locals.lowVision = lowVisionOf(lowVisionCookie, null);
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		// one query: the session, the actor with its territories' regions, the unread count for the layout
		const found = await validateSessionWithActor(app.sql(), token);
		if (found) {
			event.locals.session = found.session;
			event.locals.actor = found.actor;
			event.locals.unread = found.unread;
			event.locals.lowVision = lowVisionOf(lowVisionCookie, found.lowVision);
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
	switch (
		passwordGate(event.locals.actor, { method: event.request.method, routeId: event.route.id })
	) {
		case 'pass':
			return resolve(event);
		case 'redirect':
			return redirect(303, localizeHref('/account/password'));
		case 'refuse':
			return error(403, t('error_must_change_password'));
	}
};

/**
 * The edge, in one place: text with control characters is refused before any route sees it (400),
 * a database outage is a 503 (however deep it surfaced), and every response gets the security
 * and cache headers of `edge.securityHeaders`.
 */
const handleEdge: Handle = async ({ event, resolve }) => {
	let response: Response;
	// a form sent with JavaScript reaches its action, whose shape refuses the text beside its field
	const enhancedAction =
		event.request.method === 'POST' && event.request.headers.get('x-sveltekit-action') === 'true';
	if (await edge.hasBadText(event.request, event.url, { body: !enhancedAction })) {
		response = refusal(event, 400, t('error_control_characters'));
	} else {
		try {
			response = await resolve(event);
		} catch (e) {
			// thrown before SvelteKit renders anything: signing in needs the database
			if (!isDatabaseUnavailable(e)) throw e;
			console.error('[db] unavailable:', (e as Error).message);
			response = refusal(event, 503, t('error_unavailable'));
		}
		// handleError cannot choose the status: it leaves it here for unexpected errors it recognised
		const status = event.locals.errorStatus;
		if (status && response.status === 500)
			response = new Response(response.body, { status, headers: response.headers });
	}
	const request = {
		url: event.url,
		signedIn: !!event.locals.actor,
		isDataRequest: event.isDataRequest
	};
	return withHeaders(response, (headers) => {
		edge.securityHeaders(headers, request);
		if (response.status === 503) headers.set('retry-after', String(edge.RETRY_AFTER_S));
	});
};

/** Headers of redirects and fetched responses are immutable: those are copied first. */
function withHeaders(response: Response, set: (headers: Headers) => void): Response {
	try {
		set(response.headers);
		return response;
	} catch {
		const copy = new Response(response.body, {
			status: response.status,
			statusText: response.statusText,
			headers: new Headers(response.headers)
		});
		set(copy.headers);
		return copy;
	}
}

/**
 * A refusal answered by the hook itself, in the form the caller reads: problem JSON for the API,
 * an action result for a form sent by JavaScript (the page shows the message beside what was
 * typed), JSON for data requests, otherwise a small page in the user's language.
 */
function refusal(event: RequestEvent, status: 400 | 503, message: string): Response {
	const kind = status === 503 ? 'unavailable' : 'bad_request';
	const json = (body: unknown, type = 'application/json') =>
		new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
	if (deLocalizeUrl(event.url).pathname.startsWith('/api/'))
		return json({ status, title: message }, 'application/problem+json');
	if (
		event.request.method === 'POST' &&
		event.request.headers.get('x-sveltekit-action') === 'true'
	) {
		// `data` is devalue's form of { message }: what `fail(400, { message })` would send
		if (status === 400)
			return json({ type: 'failure', status, data: JSON.stringify([{ message: 1 }, message]) });
		return json({ type: 'error', error: { message, kind } });
	}
	if (event.isDataRequest || /^application\/json/.test(event.request.headers.get('accept') ?? ''))
		return json({ message, kind });
	const title = status === 503 ? t('error_unavailable_title') : t('error_bad_request');
	const link =
		status === 503
			? { href: localizeHref('/'), label: t('back_home') }
			: { href: event.url.pathname, label: t('back_to_page') };
	const html = edge.plainPage({
		lang: event.locals.locale,
		title,
		text: status === 503 ? t('error_try_later') : message,
		link
	});
	return new Response(html, {
		status,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': edge.PLAIN_PAGE_CSP
		}
	});
}

// compression first: it sees the finished response, the edge's headers and Cache-Control included
export const handle = sequence(
	handleCompression,
	handleCacheControl,
	handleLocale,
	handleEdge,
	handleAuth,
	handlePasswordChange
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (isUnstorableText(error)) {
		event.locals.errorStatus = 400;
		return { message: t('error_control_characters'), kind: 'bad_request' };
	}
	if (isDatabaseUnavailable(error)) {
		event.locals.errorStatus = 503;
		console.error('[db] unavailable:', (error as Error).message);
		return { message: t('error_unavailable'), kind: 'unavailable' };
	}
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'not_found' : 'internal' };
};
