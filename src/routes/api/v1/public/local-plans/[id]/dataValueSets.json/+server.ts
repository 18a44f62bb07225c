import * as exports from '$lib/server/exports';
import type { RequestHandler } from './$types';

/** One approved plan's targets and submitted reports' actuals for statisticians (see exports/model.ts). */
export const GET: RequestHandler = ({ params }) => exports.planExport(params, 'dvs');
