import * as app from '$lib/server/app';
import * as approval from '$lib/server/approval';
import { idParam, load as guard, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = idParam(event.params.id);
	return { id, ...(await guard(() => approval.revisionDiff(app.sql(), actor, id))) };
};
