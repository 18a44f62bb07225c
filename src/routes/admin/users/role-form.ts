import { ROLES, type Role } from '$lib/server/auth/actor';
import * as f from '$lib/server/forms';

/** The fields of a role form: the role, and a municipality or an oblast depending on it. */
export const roleFields = {
	role: f.choice(ROLES, { label: 'role' }),
	municipalityId: f.id({ optional: true }),
	regionId: f.id({ optional: true })
};

/** The territory a role form names: a municipality for staff and deputies, an oblast for oblast representatives. */
export function roleOf(v: { role: Role; municipalityId: number | null; regionId: number | null }): {
	role: Role;
	territoryId: number | null;
} {
	const territoryId =
		v.role === 'oblast'
			? v.regionId
			: v.role === 'staff' || v.role === 'deputy'
				? v.municipalityId
				: null;
	return { role: v.role, territoryId };
}
