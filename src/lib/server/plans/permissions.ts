import { isStaffOf, seesTerritory } from '../auth/scope';
import type { Actor } from '../auth/actor';

export type PlanAction = 'read' | 'create' | 'edit';

export interface PlanScope {
	municipalityId: number;
	/** the oblast (or city of republican significance) the municipality lies in */
	regionId: number;
}

/**
 * Who may see and change a municipality's local plans: its own staff read and edit; its deputies
 * read; the oblast representative reads the plans of the oblast; national and admin read all.
 * Nobody else — not even staff of another municipality — sees a draft.
 */
export function can(actor: Actor | null, action: PlanAction, scope: PlanScope): actor is Actor {
	if (!actor) return false;
	switch (action) {
		case 'create':
		case 'edit':
			return isStaffOf(actor, scope.municipalityId);
		case 'read':
			return seesTerritory(actor, scope);
	}
}
