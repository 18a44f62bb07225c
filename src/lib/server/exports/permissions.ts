import type { Actor } from '../auth/actor';

/** What a bulk download covers: one oblast (its territory id) or, with none, the whole country. */
export interface ExportScope {
	regionId: number | null;
}

/**
 * Who downloads the statisticians' exports for many municipalities at once: the national monitor
 * (and admin) the country or any oblast, an oblast representative their own oblast only. Staff and
 * deputies have the per-plan public exports instead. The per-plan exports and the SDG file are public.
 */
export function can(actor: Actor | null, action: 'download', scope: ExportScope): actor is Actor {
	if (!actor || action !== 'download') return false;
	return actor.memberships.some(
		(m) =>
			m.role === 'national' ||
			m.role === 'admin' ||
			(m.role === 'oblast' && scope.regionId !== null && m.territoryId === scope.regionId)
	);
}
