import { isStaffOf, seesTerritory } from '../auth/scope';
import { hasRole, type Actor } from '../auth/actor';

export type TerritoryAction = 'read' | 'edit_profile' | 'import';

export interface TerritoryRef {
	id: number;
	kind: string;
	/** The oblast or city of republican significance it lies in (itself for those). */
	regionId: number;
}

/**
 * Who may open a territory's workspace page: national and admin everywhere, an oblast
 * representative inside their oblast, staff and deputies only their own municipality.
 * Only a municipality's own staff edit its profile. Importing territories is for admins.
 */
export function can(
	actor: Actor | null,
	action: TerritoryAction,
	territory?: TerritoryRef
): boolean {
	if (!actor) return false;
	switch (action) {
		case 'import':
			return hasRole(actor, 'admin');
		case 'edit_profile':
			if (!territory || !['municipality', 'town'].includes(territory.kind)) return false;
			return isStaffOf(actor, territory.id);
		case 'read':
			if (!territory) return false;
			return seesTerritory(actor, { municipalityId: territory.id, regionId: territory.regionId });
	}
}
