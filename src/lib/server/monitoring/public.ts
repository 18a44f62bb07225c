/**
 * The public aggregates (issue [12].5): the national and oblast figures and the coverage of a
 * national plan's measures, for anyone without login. They read the monitoring figures only
 * (`figures.ts`), which hold approved plans and submitted reports and nothing else, so no draft
 * can reach them. One SQL query each; money exact in numeric, percents half up with one decimal.
 */
import type { Sql } from '../db';
import { pct } from './sql';

export interface PublicFigures {
	/** approved plans (a municipality's current one of each kind) */
	plans: number;
	/** municipalities with at least one approved plan */
	municipalities: number;
	budget: string;
	gender: string;
	/** percent of the budget, one decimal; null without a budget */
	genderShare: string | null;
	/** the unfunded amount */
	gap: string;
	/** plans whose last submitted report is counted */
	reports: number;
	/** kenesh seats and those women hold (SDG 5.5.1b), over every municipality with a roster */
	seats: number;
	womenSeats: number;
	seatShare: string | null;
}

export interface PublicOblast extends PublicFigures {
	/** an oblast, or a city of republican significance (Bishkek, Osh) */
	kind: 'oblast' | 'city';
	statCode: string | null;
	soateCode: string;
	nameKy: string;
	nameRu: string;
	nameEn: string;
}

/** The country's figures and one row per oblast and city of republican significance, in СОАТЕ order. */
export async function publicOblasts(
	sql: Sql
): Promise<{ national: PublicFigures; oblasts: PublicOblast[] }> {
	const rows = await sql<(PublicFigures & Partial<PublicOblast> & { national: boolean })[]>`
		with p as (
			select grouping(region_id) = 1 as national, region_id, count(*)::int as plans,
				count(distinct municipality_soate)::int as municipalities,
				sum(budget) as budget, sum(gender) as gender, sum(gap) as gap,
				(count(*) filter (where report_submitted_at is not null))::int as reports
			from monitoring_plan
			group by grouping sets ((region_id), ())
		),
		s as (
			select grouping(region_id) = 1 as national, region_id, sum(seats)::int as seats,
				sum(women)::int as women
			from monitoring_seats
			group by grouping sets ((region_id), ())
		),
		r as (
			select false as national, id as region_id, kind, stat_code, soate_code, name_ky, name_ru, name_en
			from territory
			where parent_id is null
			union all
			select true, null, null, null, null, null, null, null
		)
		select r.national, r.kind, r.stat_code, r.soate_code, r.name_ky, r.name_ru, r.name_en,
			coalesce(p.plans, 0) as plans, coalesce(p.municipalities, 0) as municipalities,
			coalesce(p.budget, 0)::numeric(16, 2)::text as budget, coalesce(p.gender, 0)::numeric(16, 2)::text as gender,
			${pct(sql, sql`p.gender`, sql`p.budget`)} as gender_share,
			coalesce(p.gap, 0)::numeric(16, 2)::text as gap, coalesce(p.reports, 0) as reports,
			coalesce(s.seats, 0) as seats, coalesce(s.women, 0) as women_seats,
			${pct(sql, sql`s.women::numeric`, sql`s.seats::numeric`)} as seat_share
		from r
		left join p on p.national = r.national and p.region_id is not distinct from r.region_id
		left join s on s.national = r.national and s.region_id is not distinct from r.region_id
		order by r.national, r.soate_code`;
	const figures = (r: (typeof rows)[number]): PublicFigures => ({
		plans: r.plans,
		municipalities: r.municipalities,
		budget: r.budget,
		gender: r.gender,
		genderShare: r.genderShare,
		gap: r.gap,
		reports: r.reports,
		seats: r.seats,
		womenSeats: r.womenSeats,
		seatShare: r.seatShare
	});
	const national = rows.find((r) => r.national)!;
	return {
		national: figures(national),
		oblasts: rows
			.filter((r) => !r.national)
			.map((r) => ({
				kind: r.kind!,
				statCode: r.statCode ?? null,
				soateCode: r.soateCode!,
				nameKy: r.nameKy!,
				nameRu: r.nameRu!,
				nameEn: r.nameEn!,
				...figures(r)
			}))
	};
}

export interface CoverageMunicipality {
	soateCode: string;
	nameKy: string;
	nameRu: string;
	oblastCode: string | null;
	/** activities adapted from the measure, over the municipality's approved plans */
	activities: number;
	budget: string;
	/** its last submitted report shows progress on the measure */
	reporting: boolean;
}

export interface CoverageMeasure {
	/** the stable id, the same in every version of the plan */
	id: string;
	number: string;
	titleKy: string;
	titleRu: string | null;
	/** municipalities whose approved plans adopted it */
	adopted: number;
	budget: string;
	/** of those, municipalities whose last report shows progress on it */
	reporting: number;
	municipalities: CoverageMunicipality[];
}

export interface Coverage {
	plan: {
		key: string;
		version: number;
		titleKy: string;
		titleRu: string | null;
		status: string;
		periodStart: number;
		periodEnd: number;
	};
	measures: CoverageMeasure[];
}

/**
 * The coverage of a national plan: each measure of its current catalogue version, in the plan's
 * order, with the municipalities whose approved plans adopted it (a measure adopted from an
 * earlier version counts by its stable id). Null when no plan has that key.
 */
export async function publicCoverage(
	sql: Sql,
	options: { plan: string }
): Promise<Coverage | null> {
	const [plan] = await sql<(Coverage['plan'] & { versionId: number })[]>`
		select np.key, cv.id as version_id, cv.number as version, cv.title_ky, cv.title_ru, cv.status,
			cv.period_start, cv.period_end
		from national_plan np
		join catalogue_version cv on cv.plan_id = np.id and cv.is_current
		where np.key = ${options.plan}`;
	if (!plan) return null;
	const measures = await sql<CoverageMeasure[]>`
		with recursive tree as (
			select id, level, array[position] as path
			from plan_node
			where version_id = ${plan.versionId}
				and parent_id is null
			union all
			select n.id, n.level, tree.path || n.position
			from plan_node n
			join tree on n.parent_id = tree.id
		),
		adopted as (
			select mm.measure_id, mm.municipality_soate, min(mp.name_ky) as name_ky,
				min(mp.name_ru) as name_ru, min(r.stat_code) as oblast_code,
				sum(mm.activities)::int as activities, sum(mm.budget) as budget, bool_or(mm.reporting) as reporting
			from monitoring_measure mm
			join monitoring_plan mp on mp.municipality_soate = mm.municipality_soate and mp.plan_kind = mm.plan_kind
			left join territory r on r.id = mp.region_id
			where mm.plan_key = ${plan.key}
			group by mm.measure_id, mm.municipality_soate
		),
		-- one row per measure before the join: json (not jsonb) is built without re-parsing: 38 ms instead of 57 at national scale
		per as (
			select measure_id, count(*)::int as adopted, sum(budget) as budget,
				(count(*) filter (where reporting))::int as reporting,
				json_agg(json_build_object('soateCode', municipality_soate, 'nameKy', name_ky,
					'nameRu', name_ru, 'oblastCode', oblast_code, 'activities', activities,
					'budget', budget::numeric(16, 2)::text, 'reporting', reporting) order by municipality_soate) as municipalities
			from adopted
			group by measure_id
		)
		select n.stable_id as id, n.number, n.title_ky, n.title_ru,
			coalesce(per.adopted, 0) as adopted, coalesce(per.budget, 0)::numeric(16, 2)::text as budget,
			coalesce(per.reporting, 0) as reporting, coalesce(per.municipalities, '[]') as municipalities
		from tree
		join plan_node n on n.id = tree.id
		left join per on per.measure_id = n.stable_id
		where tree.level = 'measure'
		order by tree.path`;
	const { versionId: _v, ...p } = plan;
	return { plan: p, measures };
}
