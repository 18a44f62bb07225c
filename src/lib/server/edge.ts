/**
 * What every response of the app owes a public government site, and what it refuses before any
 * route sees it. Pure functions: `hooks.server.ts` applies them to each request.
 */
import { deLocalizeUrl } from '$lib/paraglide/runtime';

/** Pages that other sites may show in a frame (the embeddable plan view); everything else refuses framing. */
export const isFramable = (url: URL): boolean => deLocalizeUrl(url).pathname.startsWith('/embed/');

// C0 controls except tab, line feed and carriage return: NUL cannot be stored in PostgreSQL text,
// the others are never typed by a person and only break exports
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export function hasControlCharacters(text: string): boolean {
	return CONTROL.test(text);
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * True when the query string, or the text fields of a submitted form, hold a control character.
 * Uploaded files are data and are not looked at; a form that cannot be parsed is left to its route.
 */
export async function hasBadText(
	request: Request,
	url: URL,
	options: { body?: boolean } = {}
): Promise<boolean> {
	for (const [name, value] of url.searchParams)
		if (hasControlCharacters(name) || hasControlCharacters(value)) return true;
	if (options.body === false || request.method === 'GET' || request.method === 'HEAD') return false;
	if (!FORM_TYPES.test(request.headers.get('content-type') ?? '')) return false;
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch {
		return false;
	}
	for (const [name, value] of form) {
		if (hasControlCharacters(name) || (typeof value === 'string' && hasControlCharacters(value)))
			return true;
	}
	return false;
}

/**
 * The headers every response carries: no MIME sniffing and no full URL sent to other sites. Pages
 * refuse to be framed (clickjacking) outside `isFramable`; files and data may be shown elsewhere.
 * What a signed-in user was shown (a page or its data) is kept by no cache; public pages keep
 * the caching they have.
 */
export function securityHeaders(
	headers: Headers,
	request: { url: URL; signedIn: boolean; isDataRequest: boolean }
): void {
	const html = /^text\/html/i.test(headers.get('content-type') ?? '');
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	if (html && !isFramable(request.url)) {
		headers.set('x-frame-options', 'DENY');
		// a policy of its own beside the page's (kit.csp): a browser enforces both
		headers.append('content-security-policy', "frame-ancestors 'none'");
	} else if (html) {
		// said outright: the embeddable view is meant for the municipality's own site, whatever it is
		headers.append('content-security-policy', 'frame-ancestors *');
	}
	if (request.signedIn && (html || request.isDataRequest))
		headers.set('cache-control', 'private, no-store');
}

/** Seconds a client is asked to wait before retrying while the database is away. */
export const RETRY_AFTER_S = 120;

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/**
 * A small page for answers given before SvelteKit renders anything (a refused request, the
 * database away while signing in): no script, no database, the user's language.
 */
export function plainPage(page: {
	lang: string;
	title: string;
	text: string;
	link: { href: string; label: string };
}): string {
	const e = escapeHtml;
	return `<!doctype html>
<html lang="${e(page.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(page.title)}</title>
</head>
<body>
<main>
<h1>${e(page.title)}</h1>
<p role="alert">${e(page.text)}</p>
<p><a href="${e(page.link.href)}">${e(page.link.label)}</a></p>
</main>
</body>
</html>
`;
}

/** The policy of the plain pages: nothing but their own markup. */
export const PLAIN_PAGE_CSP = "default-src 'none'; base-uri 'none'; form-action 'self'";
