import * as exports from '$lib/server/exports';
import type { RequestHandler } from './$types';

/** An oblast's or the country's approved plans and submitted reports, for a period (national monitor, oblast representative). */
export const GET: RequestHandler = (event) => exports.bulkExport(event, 'adx');
