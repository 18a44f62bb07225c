import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { idParam, load as guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** Public; those who maintain the catalogue also see where the row comes from. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const sql = app.sql();
	return { page: await guard(() => catalogue.measurePage(sql, locals.actor, idParam(params.id))) };
};
