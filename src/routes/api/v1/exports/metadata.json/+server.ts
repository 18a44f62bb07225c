import { json } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as exports from '$lib/server/exports';
import type { RequestHandler } from './$types';

/** The DHIS2 metadata the exports use (codes of data elements, category options, org units). Public: no personal data. */
export const GET: RequestHandler = async () =>
	json(await exports.metadata(app.sql()), {
		headers: {
			'cache-control': 'public, max-age=300',
			'access-control-allow-origin': '*',
			'content-disposition': 'attachment; filename="aiyl-plan-metadata.json"'
		}
	});
