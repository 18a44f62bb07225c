/**
 * The browser's Paraglide runtime: what client code uses of `$lib/paraglide/runtime`, for this app's
 * settings only (strategy url, cookie, baseLocale; the default URL pattern: `/ru/…`, `/en/…`, Kyrgyz
 * without a prefix), in a few hundred bytes instead of Paraglide's general one. Vite serves it in
 * place of the runtime to client code (vite.config.ts); the server keeps Paraglide's. A client
 * import of anything not exported here fails the build; add it here, as Paraglide's behaves.
 */
import type { Locale } from '../paraglide/runtime';

export type { Locale };
// as project.inlang and Paraglide's compile name them (client-runtime.test.ts compares)
export const baseLocale: Locale = 'ky';
export const locales = ['ky', 'ru', 'en'] as const satisfies readonly Locale[];
const cookieName = 'PARAGLIDE_LOCALE';
const cookieMaxAge = 34560000;

/** The locale a value names (case-insensitive), if it is one. */
export function toLocale(value: unknown): Locale | undefined {
	if (typeof value !== 'string') return undefined;
	const lower = value.toLowerCase();
	return locales.find((l) => l.toLowerCase() === lower);
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

const origin = () =>
	typeof window === 'undefined' ? 'http://fallback.com' : window.location.origin;

/** The locale a URL is in: its first path segment, else Kyrgyz. */
export function extractLocaleFromUrl(url: string | URL): Locale {
	const { pathname } = new URL(url, 'http://example.com');
	return toLocale(pathname.split('/').filter(Boolean)[0]) ?? baseLocale;
}

let cookieSet = false;

/** The page's locale, read from its URL; the first call stores it in Paraglide's cookie, as Paraglide does. */
export let getLocale = (): Locale => {
	const locale =
		typeof window === 'undefined' ? baseLocale : extractLocaleFromUrl(window.location.href);
	if (!cookieSet && typeof document !== 'undefined') {
		cookieSet = true;
		document.cookie = `${cookieName}=${locale}; path=/; max-age=${cookieMaxAge}`;
	}
	return locale;
};

/** As Paraglide's: replaces getLocale (tests). */
export function overwriteGetLocale(fn: () => Locale): void {
	getLocale = fn;
}

/** The path segments of a URL without a leading locale. */
function unprefixed(url: URL): string[] {
	const segments = url.pathname.replace(/^\/+/, '').split('/');
	if (segments.length > 0 && toLocale(segments[0])) segments.shift();
	return segments;
}

export function localizeUrl(url: string | URL, options?: { locale?: string }): URL {
	const locale = (options?.locale as Locale | undefined) ?? getLocale();
	const target = new URL(url, origin());
	if (extractLocaleFromUrl(target) === locale) return target;
	const rest = unprefixed(target).join('/');
	target.pathname = locale === baseLocale ? '/' + rest : `/${locale}/${rest}`;
	return target;
}

export function deLocalizeUrl(url: string | URL): URL {
	const target = new URL(url, origin());
	const segments = target.pathname.replace(/^\/+/, '').split('/');
	if (segments.length > 0 && toLocale(segments[0]))
		target.pathname = '/' + segments.slice(1).join('/');
	return target;
}

/** A path (or URL) in a locale, the page's by default: `/login` → `/ru/login` on a Russian page. */
export function localizeHref(href: string, options?: { locale?: string }): string {
	const url = new URL(href, origin());
	const localized = localizeUrl(url, { locale: options?.locale ?? getLocale() });
	if (href.startsWith('/') && url.origin === localized.origin)
		return localized.pathname + localized.search + localized.hash;
	return localized.href;
}

/** A path (or URL) without its locale: `/ru/login` → `/login`. */
export function deLocalizeHref(href: string): string {
	const url = new URL(href, origin());
	const deLocalized = deLocalizeUrl(url);
	if (href.startsWith('/') && url.origin === deLocalized.origin)
		return deLocalized.pathname + deLocalized.search + deLocalized.hash;
	return deLocalized.href;
}
