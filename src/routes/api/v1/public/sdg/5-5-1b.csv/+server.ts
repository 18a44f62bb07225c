import * as app from '$lib/server/app';
import * as exports from '$lib/server/exports';
import type { RequestHandler } from './$types';

/** SDG 5.5.1b (women's share of local kenesh seats) as SDMX-CSV, by municipality, oblast and country, this year. */
export const GET: RequestHandler = async () => {
	const year = new Date().getUTCFullYear();
	return new Response(await exports.sdg551bCsv(app.sql(), year), {
		headers: {
			'content-type': 'text/csv; charset=utf-8; header=present',
			'content-disposition': `attachment; filename="sdg-5-5-1b-${year}.csv"`,
			'cache-control': 'public, max-age=300',
			'access-control-allow-origin': '*'
		}
	});
};
