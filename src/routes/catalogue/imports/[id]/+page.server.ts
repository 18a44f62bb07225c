import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { idParam, load as guard, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { job: await guard(() => catalogue.getImport(app.sql(), actor, idParam(event.params.id))) };
};
