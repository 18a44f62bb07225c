import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { idParam, load as guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const sql = app.sql();
	return { page: await guard(() => catalogue.measurePage(sql, idParam(params.id))) };
};
