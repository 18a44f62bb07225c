import type { Actor } from '../auth/actor';

export type MonitoringAction = 'read_oblast' | 'read_national';

/** What the oblast dashboard is asked about: the oblast (its territory id). */
export interface OblastScope {
	regionId: number;
}

/**
 * Who opens an oblast's dashboard: national and admin every oblast, the oblast representative
 * their own. Staff and deputies of a municipality in the oblast open it too, but see only their
 * own row beside the oblast's anonymised medians (`rowsFor`). Anyone else: the oblast "does not exist".
 * The national view (every oblast side by side, the coverage matrix): national and admin users only.
 */
export function can(
	actor: Actor | null,
	action: MonitoringAction,
	scope?: OblastScope
): actor is Actor {
	if (!actor) return false;
	switch (action) {
		case 'read_national':
			return actor.memberships.some((m) => m.role === 'national' || m.role === 'admin');
		case 'read_oblast':
			return !!scope && readsOblast(actor, scope);
	}
}

function readsOblast(actor: Actor, scope: OblastScope): boolean {
	return actor.memberships.some((m) => {
		switch (m.role) {
			case 'national':
			case 'admin':
				return true;
			case 'oblast':
				return m.territoryId === scope.regionId;
			case 'staff':
			case 'deputy':
				return m.regionId === scope.regionId;
		}
	});
}

/** The municipalities whose rows the actor sees: all of them (null) for monitors, else their own. */
export function rowsFor(actor: Actor, scope: OblastScope): number[] | null {
	const monitor = actor.memberships.some(
		(m) =>
			m.role === 'national' ||
			m.role === 'admin' ||
			(m.role === 'oblast' && m.territoryId === scope.regionId)
	);
	if (monitor) return null;
	return actor.memberships
		.filter((m) => (m.role === 'staff' || m.role === 'deputy') && m.regionId === scope.regionId)
		.map((m) => m.territoryId)
		.filter((id): id is number => id !== null);
}
