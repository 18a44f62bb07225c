import { hasRole, type Actor } from '../auth/actor';
import { isStaffOf, seesTerritory, type TerritoryScope } from '../auth/scope';

export type ExpertiseAction = 'read' | 'edit';

/** A municipality (or town) and the oblast it lies in. */
export type ExpertiseScope = TerritoryScope;

/**
 * Who sees and fills a municipality's gender expertise of draft local acts: its staff register the
 * acts and fill the checklists; its deputies, the representative of its oblast, national and admin
 * read them; staff of another municipality and everyone without a login see nothing.
 */
export function can(
	actor: Actor | null,
	action: ExpertiseAction,
	scope: ExpertiseScope
): actor is Actor {
	if (!actor) return false;
	switch (action) {
		case 'edit':
			return isStaffOf(actor, scope.municipalityId);
		case 'read':
			return seesTerritory(actor, scope);
	}
}

/** The ministry's monitoring unit and the operator revise the checklist's questions. */
export function canReviseQuestions(actor: Actor | null): actor is Actor {
	return hasRole(actor, 'national') || hasRole(actor, 'admin');
}
