import { isStaffOf, seesTerritory, type TerritoryScope } from '../auth/scope';
import type { Actor } from '../auth/actor';

export type HearingAction = 'announce' | 'moderate' | 'record' | 'read';

/** The municipality a hearing belongs to and the oblast it lies in. */
export type HearingScope = TerritoryScope;

/**
 * Who runs a municipality's public hearings: its staff announce them, moderate the proposals and
 * record the hearing; its deputies (who vote on the plan), the oblast representative, national and
 * admin read the record. Staff of another municipality do none of it. Sending a proposal needs no
 * account at all (`propose` in proposals.ts checks the period, the form token and the rate limit).
 */
export function can(
	actor: Actor | null,
	action: HearingAction,
	scope: HearingScope
): actor is Actor {
	if (!actor) return false;
	switch (action) {
		case 'announce':
		case 'moderate':
		case 'record':
			return isStaffOf(actor, scope.municipalityId);
		case 'read':
			return seesTerritory(actor, scope);
	}
}
