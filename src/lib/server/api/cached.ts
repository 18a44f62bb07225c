import { createHash } from 'node:crypto';

/** The public API's aggregates: cacheable for five minutes, readable from any site, revalidated by ETag. */
const HEADERS = {
	'cache-control': 'public, max-age=300',
	'access-control-allow-origin': '*'
};

/**
 * A JSON answer with an entity tag over its bytes; a client that already holds them (If-None-Match,
 * weak or strong, as the compression layer weakens the tag) gets a 304 without the body.
 */
export function cachedJson(request: Request, body: unknown): Response {
	const text = JSON.stringify(body);
	const tag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
	const held = (request.headers.get('if-none-match') ?? '')
		.split(',')
		.map((t) => t.trim().replace(/^W\//, ''));
	if (held.includes(tag) || held.includes('*'))
		return new Response(null, { status: 304, headers: { ...HEADERS, etag: tag } });
	return new Response(text, {
		headers: { ...HEADERS, etag: tag, 'content-type': 'application/json' }
	});
}

/** A problem document (RFC 9457) for a request the API cannot answer as asked. */
export function problem(status: number, title: string, detail?: string): Response {
	return new Response(JSON.stringify({ status, title, ...(detail ? { detail } : {}) }), {
		status,
		headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' }
	});
}
