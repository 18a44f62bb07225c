import { isStaffOf, seesTerritory } from '../auth/scope';
import type { Actor } from '../auth/actor';
import type { PlanScope } from '../plans/permissions';

export type ReportAction =
	'read' | 'read_draft' | 'edit' | 'submit' | 'correct' | 'comment' | 'hear';

/**
 * Who does what with a plan's implementation reports: the municipality's own staff fill, submit
 * and read their drafts, and correct a submitted report by its next version; everyone who reads the plan — its deputies, the oblast representative,
 * national and admin — sees the periods and where each stands, and reads the submitted reports;
 * deputies and the oblast representative comment on them line by line (staff answer); the
 * municipality's kenesh secretary records that the kenesh heard a submitted report.
 */
export function can(actor: Actor | null, action: ReportAction, scope: PlanScope): actor is Actor {
	if (!actor) return false;
	switch (action) {
		case 'read':
			return seesTerritory(actor, scope);
		case 'read_draft':
		case 'edit':
		case 'submit':
		case 'correct':
			return isStaffOf(actor, scope.municipalityId);
		case 'comment':
			return actor.memberships.some(
				(m) =>
					((m.role === 'staff' || m.role === 'deputy') && m.territoryId === scope.municipalityId) ||
					(m.role === 'oblast' && m.territoryId === scope.regionId)
			);
		case 'hear':
			return actor.memberships.some(
				(m) => m.role === 'deputy' && m.territoryId === scope.municipalityId && m.isSecretary
			);
	}
}
