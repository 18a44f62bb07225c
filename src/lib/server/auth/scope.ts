import type { Actor } from './actor';

/** A municipality (or any territory) and the oblast or city of republican significance it lies in. */
export interface TerritoryScope {
	municipalityId: number;
	regionId: number;
}

/**
 * The reading rule every domain shares: national and admin see the whole country, an oblast
 * representative the territories of the oblast, staff and deputies their own municipality only.
 */
export function seesTerritory(actor: Actor | null, scope: TerritoryScope): boolean {
	return !!actor?.memberships.some((m) => {
		switch (m.role) {
			case 'national':
			case 'admin':
				return true;
			case 'oblast':
				return m.territoryId === scope.regionId;
			case 'staff':
			case 'deputy':
				return m.territoryId === scope.municipalityId;
		}
	});
}

/** Whether the actor is on the staff of this municipality (the ones who edit its plans and roster). */
export function isStaffOf(actor: Actor | null, municipalityId: number): boolean {
	return !!actor?.memberships.some((m) => m.role === 'staff' && m.territoryId === municipalityId);
}
