import type { Sql } from '../db';

/** SDG 5.5.1b for several municipalities at once: the seats of each active roster and the women among them. Municipalities without a roster are absent. */
export async function seatShares(
	sql: Sql,
	municipalityIds: number[]
): Promise<Map<number, { seats: number; women: number }>> {
	const rows = await sql<{ municipalityId: number; seats: number; women: number }[]>`
		select municipality_id::int as municipality_id, count(*)::int as seats,
			(count(*) filter (where sex = 'female'))::int as women
		from deputy
		where municipality_id = any (${municipalityIds}::bigint[]) and active
		group by municipality_id`;
	return new Map(rows.map((r) => [r.municipalityId, { seats: r.seats, women: r.women }]));
}
