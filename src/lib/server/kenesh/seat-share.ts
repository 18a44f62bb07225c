import type { Sql } from '../db';

/**
 * SDG 5.5.1b inputs for many municipalities at once: the seats of each active roster and how many
 * of them women hold. Every id asked for is in the map, with zeros when its roster is empty.
 */
export async function seatShares(
	sql: Sql,
	municipalityIds: number[]
): Promise<Map<number, { seats: number; women: number }>> {
	const shares = new Map<number, { seats: number; women: number }>();
	for (const id of municipalityIds) shares.set(id, { seats: 0, women: 0 });
	if (municipalityIds.length === 0) return shares;
	const rows = await sql<{ municipalityId: number; seats: number; women: number }[]>`
		select municipality_id::int as municipality_id, count(*)::int as seats,
			(count(*) filter (where sex = 'female'))::int as women
		from deputy
		where active and municipality_id = any (${municipalityIds}::bigint[])
		group by municipality_id`;
	for (const r of rows) shares.set(Number(r.municipalityId), { seats: r.seats, women: r.women });
	return shares;
}
