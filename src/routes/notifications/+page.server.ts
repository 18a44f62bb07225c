import * as app from '$lib/server/app';
import * as approval from '$lib/server/approval';
import { requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { items: await approval.notifications.list(app.sql(), actor), flash: f.flash(event) };
};

const none = f.shape({});

export const actions: Actions = {
	readAll: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, none, 'read-all');
		if (!parsed.ok) return parsed.failure;
		await approval.notifications.markRead(app.sql(), actor, 'all');
		f.done(event, 'notifications-status');
	}
};
