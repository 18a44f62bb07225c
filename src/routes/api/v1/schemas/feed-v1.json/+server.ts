import { json } from '@sveltejs/kit';
import { FEED_V1_SCHEMA } from '$lib/server/feed';
import type { RequestHandler } from './$types';

/** GET /api/v1/schemas/feed-v1.json — the JSON Schema every feed document validates against. Public. */
export const GET: RequestHandler = () =>
	json(FEED_V1_SCHEMA, {
		headers: {
			'content-type': 'application/schema+json',
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=3600'
		}
	});
