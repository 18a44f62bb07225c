import { isStaffOf, seesTerritory } from '../auth/scope';
import type { Actor } from '../auth/actor';

export type RosterAction = 'read' | 'manage';

export interface RosterScope {
	municipalityId: number;
	/** the oblast (or city of republican significance) the municipality lies in */
	regionId: number;
}

/**
 * Who may see and keep a local kenesh's roster: the municipality's staff and deputies, the oblast
 * representative of its oblast, national and admin read it; only the municipality's own staff
 * add, change and remove deputies (the aiyl okmotu keeps the register, not the deputies themselves).
 */
export function can(actor: Actor | null, action: RosterAction, scope: RosterScope): actor is Actor {
	if (!actor) return false;
	switch (action) {
		case 'manage':
			return isStaffOf(actor, scope.municipalityId);
		case 'read':
			return seesTerritory(actor, scope);
	}
}
