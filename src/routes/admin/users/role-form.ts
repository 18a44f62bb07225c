import { ROLES, type Role } from '$lib/server/auth/actor';
import { field } from '$lib/server/http';

/** The territory a role form names: a municipality for staff and deputies, an oblast for oblast representatives. */
export function roleFromForm(form: FormData): { role: Role; territoryId: number | null; isSecretary: boolean } {
	const role = field(form, 'role') as Role;
	const raw = role === 'oblast' ? field(form, 'regionId') : role === 'staff' || role === 'deputy' ? field(form, 'municipalityId') : '';
	return {
		role: ROLES.includes(role) ? role : ('' as Role),
		territoryId: /^\d+$/.test(raw) ? Number(raw) : null,
		isSecretary: role === 'deputy' && form.get('isSecretary') === 'on'
	};
}
