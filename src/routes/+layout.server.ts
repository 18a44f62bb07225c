import * as app from '$lib/server/app';
import * as approval from '$lib/server/approval';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const actor = locals.actor;
	return {
		lowVision: locals.lowVision,
		unread:
			locals.unread ?? (actor ? await approval.notifications.unreadCount(app.sql(), actor) : 0),
		actor: actor && {
			id: actor.id,
			fullName: actor.fullName,
			username: actor.username,
			mustChangePassword: actor.mustChangePassword,
			roles: actor.memberships.map((m) => m.role),
			homeTerritoryId: actor.memberships.find((m) => m.territoryId !== null)?.territoryId ?? null
		}
	};
};
