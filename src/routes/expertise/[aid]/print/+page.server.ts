import * as app from '$lib/server/app';
import * as expertise from '$lib/server/expertise';
import { idParam, load as guard, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const act = await guard(() => expertise.get(app.sql(), actor, idParam(event.params.aid)));
	return { act };
};
