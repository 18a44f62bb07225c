import * as app from '$lib/server/app';
import * as system from '$lib/server/system';
import { load as guard, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { status: await guard(() => system.status(app.sql(), actor)) };
};
