/**
 * `localizeHref` as Paraglide's, without parsing a URL for the app's own paths. Lists link every
 * row (a municipality, a plan, a hearing): Paraglide's parses the href into a URL, matches it
 * against the URL pattern and serialises it back, 5% of the server's time on /public. A path of
 * plain characters is localized as the app's one URL pattern does it (Kyrgyz without a prefix,
 * `/ru/…`, `/en/…`); anything else (another origin, `..`, characters a URL would escape) goes to
 * Paraglide's. `href.test.ts` compares the two.
 */
import {
	getLocale,
	baseLocale,
	localizeHref as paraglideLocalizeHref,
	toLocale,
	type Locale
} from '$lib/paraglide/runtime';

/** A path of characters a URL keeps as they are, no `.` or `..` segment, and a query and fragment of the same. */
const PLAIN =
	/^(\/(?!\/)[A-Za-z0-9\-_~./:]*)((?:\?[A-Za-z0-9\-_~./:=&%+,@!$()*;?]*)?)((?:#[A-Za-z0-9\-_~./:=&%+,@!$()*;?#]*)?)$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/** An href's path, query and fragment if it is a plain path the app's URL pattern localizes without a URL. */
export function plainParts(href: string): RegExpExecArray | null {
	const plain = PLAIN.exec(href);
	return plain && !DOT_SEGMENT.test(plain[1]!) ? plain : null;
}

/** A path (or URL) in a locale, the page's by default: `/login` → `/ru/login` on a Russian page. */
export function localizeHref(href: string, options?: { locale?: Locale }): string {
	const plain = plainParts(href);
	if (!plain) return paraglideLocalizeHref(href, options);
	const [, path, query, fragment] = plain as unknown as [string, string, string, string];
	const locale = options?.locale ?? getLocale();
	const segments = path.slice(1).split('/');
	const current = toLocale(segments[0]);
	// already in that locale: kept as written, as Paraglide keeps it
	if ((current ?? baseLocale) === locale) return path + clean(query, fragment);
	if (current) segments.shift();
	const localized =
		locale === baseLocale ? `/${segments.join('/')}` : `/${locale}/${segments.join('/')}`;
	return localized + clean(query, fragment);
}

/** The query and fragment as a URL writes them: without an empty one (`/a?` is `/a`). */
const clean = (query: string, fragment: string) =>
	(query === '?' ? '' : query) + (fragment === '#' ? '' : fragment);
