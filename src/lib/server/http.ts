import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/href';
import { t } from '$lib/i18n';
import type { Actor } from './auth/actor';
import { isDatabaseUnavailable, isUnstorableText } from './db';
import { ConflictError, isDomainError } from './errors';

/** The error page of a database outage: 503, "temporarily unavailable, try again in a few minutes". */
export function unavailable(): never {
	error(503, { message: t('error_unavailable'), kind: 'unavailable' });
}

/** The signed-in actor, or a redirect to the login page that comes back here afterwards. */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const actor = event.locals.actor;
	if (!actor) {
		const next = event.url.pathname + event.url.search;
		redirect(303, localizeHref('/login') + '?next=' + encodeURIComponent(next));
	}
	return actor;
}

/**
 * Runs one domain call for a form action. A refusal the user can fix comes back as `fail`
 * with the message in their language and what they typed (`submitted`: the form's id and values
 * from `parseForm`); a refusal about one field is also shown beside it. A permission refusal is a 403.
 */
export async function attempt<T, S extends Record<string, unknown> = Record<string, never>>(
	fn: () => Promise<T>,
	submitted?: S
) {
	try {
		return { ok: true as const, value: await fn() };
	} catch (e) {
		// the database's own refusal to touch an approved plan or a submitted report, should any path get that far
		const hint =
			(e as { code?: string; hint?: string })?.code === 'P0001'
				? (e as { hint?: string }).hint
				: '';
		if (hint === 'plan_locked' || hint === 'report_locked') {
			return {
				ok: false as const,
				failure: fail(409, {
					...(submitted as S),
					message: t(hint === 'plan_locked' ? 'error_plan_locked' : 'error_report_locked'),
					errors: {} as Record<string, string>,
					conflict: undefined
				})
			};
		}
		if (isDomainError(e)) {
			if (e.status === 403) error(403, t('error_forbidden'));
			if (e.status === 404) error(404, t('error_not_found'));
			// the changed fields named here, so the browser needs no field names (Form.svelte)
			const conflict =
				e instanceof ConflictError
					? {
							current: e.current,
							changed: e.changed,
							labels: Object.fromEntries(e.changed.map((k) => [k, t('field_' + k, {}, k)]))
						}
					: undefined;
			const message = t(e.code, e.params);
			const errors: Record<string, string> = e.field ? { [e.field]: message } : {};
			return {
				ok: false as const,
				failure: fail(e.status, { ...(submitted as S), message, errors, conflict })
			};
		}
		if (isUnstorableText(e)) {
			return {
				ok: false as const,
				failure: fail(400, {
					...(submitted as S),
					message: t('error_control_characters'),
					conflict: undefined
				})
			};
		}
		if (isDatabaseUnavailable(e)) unavailable();
		throw e;
	}
}

/** Loads data for a page, turning permission and not-found refusals (and a database outage) into the matching error page. */
export async function load<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (isDomainError(e)) {
			if (e.status === 403) error(403, t('error_forbidden'));
			if (e.status === 404) error(404, t('error_not_found'));
			error(e.status, t(e.code, e.params));
		}
		if (isUnstorableText(e)) error(400, t('error_control_characters'));
		if (isDatabaseUnavailable(e)) unavailable();
		throw e;
	}
}

/** Reads a positive integer id from a route parameter or form field; anything else is a 404. */
export function idParam(value: string | null | undefined): number {
	if (!value || !/^\d{1,15}$/.test(value)) error(404, t('error_not_found'));
	return Number(value);
}

/** @deprecated Read forms with `parseForm` of $lib/server/forms, which declares and checks every field. */
export function field(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}

/** The client address for throttling: adapter-node's ADDRESS_HEADER when behind a proxy, else the socket. */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/**
 * An optional whole number from a form field: empty is null, anything else not a number is NaN.
 * @deprecated NaN is falsy, so an `if (id)` takes a malformed id for none: use `parseForm`.
 */
export function intField(form: FormData, name: string): number | null {
	const v = field(form, name).trim();
	if (v === '') return null;
	return /^-?\d{1,9}$/.test(v) ? Number(v) : NaN;
}

/**
 * A form's data, or null when its body is over BODY_SIZE_LIMIT: adapter-node refuses such a body
 * with a 413 while it is read, and the form should say so in the user's language, not a bare 413.
 */
export async function readUpload(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch (e) {
		if ((e as { status?: number } | null)?.status === 413) return null;
		throw e;
	}
}
