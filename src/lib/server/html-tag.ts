/** Where app.html's <html> tag, the only place with placeholders, ends at the latest. */
const HTML_TAG_END = 512;

/**
 * The page with its <html> tag's language and class filled in. Only the tag is rewritten: a plan of
 * a thousand activities is 0.7 MB of HTML, and replacing in all of it copied it twice per request.
 */
export function htmlTag(html: string, lang: string, htmlClass: string): string {
	const head = html
		.slice(0, HTML_TAG_END)
		.replace('%paraglide.lang%', lang)
		.replace('%aiyl.html_class%', htmlClass);
	return html.length <= HTML_TAG_END ? head : head + html.slice(HTML_TAG_END);
}
