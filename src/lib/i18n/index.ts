import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { localizeHref } from '$lib/i18n/href';

type MessageFn = (params?: Record<string, unknown>) => string;

/** The message for a key that is only known at run time (a DomainError code, a role); the key itself when unknown. */
export function t(key: string, params: Record<string, unknown> = {}, fallback?: string): string {
	// `in`: the browser's `m` (client-messages.ts) answers every key, so ask whether it exists
	const fn = key in m ? (m as unknown as Record<string, MessageFn | undefined>)[key] : undefined;
	return fn ? fn(params) : (fallback ?? key);
}

export function locale(): 'ky' | 'ru' | 'en' {
	return getLocale() as 'ky' | 'ru' | 'en';
}

/** A path in the current language (`/login` → `/ru/login` on a Russian page). */
export function href(path: string): string {
	return localizeHref(path);
}
