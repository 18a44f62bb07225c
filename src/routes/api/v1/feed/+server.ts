import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import { receiveFeed, SIGNATURE_HEADER } from '$lib/server/feed';
import type { RequestHandler } from './$types';

// a feed document is a plan with its activities: far below this
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * POST /api/v1/feed[?dryRun=true] — receives an `aiyl-plan/feed@1` document from another instance,
 * signed with a sender key created here. Answers an import summary in DHIS2's manner.
 */
export const POST: RequestHandler = async ({ request, url }) => {
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_BODY_BYTES)
		return json(
			{
				status: 'ERROR',
				imported: 0,
				updated: 0,
				ignored: 1,
				conflicts: [{ object: 'document', value: 'too large' }]
			},
			{ status: 413 }
		);
	const dryRun = url.searchParams.get('dryRun');
	const body = await request.text();
	const { httpStatus, summary } = await receiveFeed(app.sql(), {
		body,
		signature: request.headers.get(SIGNATURE_HEADER),
		dryRun: dryRun === 'true'
	});
	return json(summary, { status: httpStatus });
};
