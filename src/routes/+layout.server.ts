import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const actor = locals.actor;
	return {
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
