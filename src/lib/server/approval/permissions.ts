import type { Actor } from '../auth/actor';
import type { PlanScope } from '../plans/permissions';

export type ReviewAction =
	| 'submit'
	| 'revise'
	| 'decide_amendment'
	| 'comment'
	| 'amend'
	| 'record_session'
	| 'read_notifications';

/**
 * Who does what in the kenesh review: the municipality's staff submit, decide on amendments and
 * start revisions; its deputies (and the oblast representative) comment; deputies propose
 * amendments; the kenesh secretary records the session.
 */
export function canReview(
	actor: Actor | null,
	action: ReviewAction,
	scope: PlanScope,
	options: { isSecretary?: boolean } = {}
): boolean {
	if (!actor) return false;
	const is = (role: string) =>
		actor.memberships.some((m) => m.role === role && m.territoryId === scope.municipalityId);
	switch (action) {
		case 'submit':
		case 'revise':
		case 'decide_amendment':
			return is('staff');
		case 'comment':
			return (
				is('staff') ||
				is('deputy') ||
				actor.memberships.some((m) => m.role === 'oblast' && m.territoryId === scope.regionId)
			);
		case 'amend':
			return is('deputy');
		case 'record_session':
			return is('deputy') && (options.isSecretary ?? false);
		case 'read_notifications':
			return true;
	}
}
