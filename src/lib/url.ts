/**
 * A link taken from data (an imported act's URL…) as an absolute http(s) URL, or null: anything
 * else — `javascript:`, `data:`, a relative path — must never become a clickable link.
 */
export function safeUrl(raw: unknown): string | null {
	if (typeof raw !== 'string') return null;
	const text = raw.trim();
	// checked on the text as written too: the URL parser drops tabs and line breaks ("java\nscript:")
	if (!/^https?:\/\/[^\s]/i.test(text)) return null;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return null;
	}
	return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
