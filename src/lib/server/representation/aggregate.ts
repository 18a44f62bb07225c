import type { Sql } from '../db';
import {
	BODY_KINDS,
	type AreaFigures,
	type BodyKind,
	type Figures
} from '../../representation/vocabulary';

export type { AreaFigures, Figures };

export interface OblastFigures extends AreaFigures {
	id: number;
	statCode: string | null;
	nameKy: string;
	nameRu: string;
	nameEn: string;
}

export interface Summary {
	national: AreaFigures;
	oblasts: OblastFigures[];
}

const ZERO: Figures = { bodies: 0, meeting: 0, women: 0, men: 0, womenShare: null };

function empty(): AreaFigures {
	return {
		total: { ...ZERO },
		byKind: Object.fromEntries(BODY_KINDS.map((k) => [k, { ...ZERO }])) as Record<BodyKind, Figures>
	};
}

interface Group extends Figures {
	regionId: number | null;
	kind: BodyKind | null;
	allRegions: boolean;
	allKinds: boolean;
}

/**
 * The registry summed up, in SQL (one grouping-sets query over every body, the keneshes counted
 * from their rosters): per oblast (and city of republican significance) and for the country, the
 * number of bodies, how many meet the 30% rule and the women's share of their members, in all and
 * by kind. Shares are rounded half up to one decimal in integer arithmetic. Counts only, no names,
 * so anyone may read it. `regionId` keeps one oblast (the national figures are then still the country's).
 */
export async function summary(sql: Sql, options: { regionId?: number } = {}): Promise<Summary> {
	const groups = await sql<Group[]>`
		with c as (
			select t.region_id, c.kind, c.women, c.men, c.meets
			from representation_composition c
			join territory t on t.id = c.municipality_id
		),
		g as (
			select region_id, kind, grouping(region_id) = 1 as all_regions, grouping(kind) = 1 as all_kinds,
				count(*)::int as bodies,
				(count(*) filter (where meets))::int as meeting,
				sum(women)::bigint as women,
				sum(men)::bigint as men
			from c
			group by grouping sets ((region_id, kind), (region_id), (kind), ())
		)
		select region_id::int, kind, all_regions, all_kinds, bodies, meeting, women::int, men::int,
			case when women + men > 0 then
				((2000 * women + (women + men)) / (2 * (women + men)) / 10)::text || '.' ||
				((2000 * women + (women + men)) / (2 * (women + men)) % 10)::text
			end as women_share
		from g
		where ${options.regionId ? sql`all_regions or region_id = ${options.regionId}` : sql`true`}`;
	const oblasts = await sql<Omit<OblastFigures, keyof AreaFigures>[]>`
		select id::int, stat_code, name_ky, name_ru, name_en
		from territory
		where parent_id is null
			${options.regionId ? sql`and id = ${options.regionId}` : sql``}
		order by stat_code nulls last, name_ky`;
	const national = empty();
	const byRegion = new Map<number, AreaFigures>(oblasts.map((o) => [o.id, empty()]));
	for (const g of groups) {
		const area = g.allRegions ? national : byRegion.get(Number(g.regionId));
		if (!area) continue;
		const figures: Figures = {
			bodies: g.bodies,
			meeting: g.meeting,
			women: g.women,
			men: g.men,
			womenShare: g.womenShare
		};
		if (g.allKinds) area.total = figures;
		else area.byKind[g.kind as BodyKind] = figures;
	}
	return {
		national,
		oblasts: oblasts.map((o) => ({ ...o, ...byRegion.get(o.id)! }))
	};
}
