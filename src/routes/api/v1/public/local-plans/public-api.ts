import { json } from '@sveltejs/kit';

/** The public API's answers are cacheable for five minutes and readable from any site. */
export const publicHeaders = {
	'cache-control': 'public, max-age=300',
	'access-control-allow-origin': '*'
};

/** A problem document (RFC 9457) for what the public may not see or that does not exist. */
export function notFound(title: string) {
	return json(
		{ status: 404, title },
		{
			status: 404,
			headers: { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' }
		}
	);
}
