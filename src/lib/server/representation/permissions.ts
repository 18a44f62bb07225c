import { isStaffOf, seesTerritory, type TerritoryScope } from '../auth/scope';
import type { Actor } from '../auth/actor';

export type RepresentationAction = 'read' | 'manage';

/** A municipality (or town) and the oblast it lies in. */
export type RepresentationScope = TerritoryScope;

/**
 * Who sees and keeps a municipality's representation registry: its staff edit it (they keep the
 * bodies' registers, as they keep the roster); its deputies, the oblast representative of its
 * oblast, national and admin read it; staff of another municipality do not even read it. The
 * aggregates (counts only, no names) are public and need no check.
 */
export function can(
	actor: Actor | null,
	action: RepresentationAction,
	scope: RepresentationScope
): actor is Actor {
	if (!actor) return false;
	switch (action) {
		case 'manage':
			return isStaffOf(actor, scope.municipalityId);
		case 'read':
			return seesTerritory(actor, scope);
	}
}
