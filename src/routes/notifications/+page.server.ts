import * as app from '$lib/server/app';
import * as approval from '$lib/server/approval';
import { requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { items: await approval.notifications.list(app.sql(), actor) };
};

export const actions: Actions = {
	readAll: async (event) => {
		const actor = requireActor(event);
		await approval.notifications.markRead(app.sql(), actor, 'all');
		return { saved: true };
	}
};
