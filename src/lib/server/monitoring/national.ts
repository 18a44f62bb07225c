/**
 * The national view (issue [12].2, DESIGN.md §2.8): every oblast side by side, the coverage matrix
 * of a national plan's measures by oblast, and the funding gap by national plan and WPS pillar. It
 * reads the monitoring figures (approved plans and submitted reports, local and received alike) and,
 * for drafts, only counts of live plans and reports. Every sum and percent is SQL (tyiyn exact,
 * half-up percents of one decimal, as the oblast dashboard).
 */
import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { PILLARS } from '$lib/plans/vocabulary';
import { can } from './permissions';
import { pct } from './sql';

export const NATIONAL_SORTS = [
	'name',
	'municipalities',
	'approved',
	'budget',
	'gender_share',
	'gap',
	'late',
	'execution',
	'seat_share',
	'received'
] as const;
export type NationalSort = (typeof NATIONAL_SORTS)[number];

/** The figures a map tile can be coloured by. */
export const MAP_FIGURES = ['seat_share', 'gender_share', 'execution', 'gap', 'budget'] as const;
export type MapFigure = (typeof MAP_FIGURES)[number];

export interface OblastFigures {
	municipalities: number;
	drafts: number;
	submitted: number;
	/** current approved plans recorded (local and received) */
	approved: number;
	budget: string;
	gender: string;
	genderShare: string | null;
	gap: string;
	/** municipalities' last reports recorded as submitted */
	reports: number;
	/** last reports submitted after their due date, and reports past due still in draft */
	late: number;
	planned: string;
	spent: string;
	execution: string | null;
	seats: number;
	womenSeats: number;
	seatShare: string | null;
	/** approved plans known from documents other instances sent */
	received: number;
}

export interface OblastRow extends OblastFigures {
	id: number;
	statCode: string;
	kind: 'oblast' | 'city';
	nameKy: string;
	nameRu: string;
	nameEn: string;
}

export interface Overview {
	rows: OblastRow[];
	totals: OblastFigures;
}

export interface NationalQuery {
	sort?: NationalSort | '';
	dir?: 'asc' | 'desc' | '';
}

/** The per-oblast figures as a CTE named `o` (one row per oblast and city). */
function byOblast(sql: Sql) {
	return sql`
		with r as (
			select id, stat_code, kind, soate_code, name_ky, name_ru, name_en
			from territory
			where parent_id is null
		),
		mu as (
			select region_id, count(*)::int as municipalities
			from territory
			where kind in ('municipality', 'town')
				and region_id is not null
			group by region_id
		),
		lp as (
			select t.region_id, (count(*) filter (where lp.state = 'draft'))::int as drafts,
				(count(*) filter (where lp.state = 'submitted'))::int as submitted
			from local_plan lp
			join territory t on t.id = lp.municipality_id
			group by t.region_id
		),
		mp as (
			select region_id, count(*)::int as approved, sum(budget) as budget, sum(gender) as gender,
				sum(gap) as gap,
				(count(*) filter (where report_submitted_at is not null))::int as reports,
				(count(*) filter (where report_submitted_at::date > report_due))::int as late_submitted,
				coalesce(sum(planned), 0) as planned, coalesce(sum(spent), 0) as spent,
				(count(*) filter (where origin = 'feed'))::int as received
			from monitoring_plan
			where region_id is not null
			group by region_id
		),
		overdue as (
			select t.region_id, count(*)::int as overdue
			from report rp
			join local_plan lp on lp.id = rp.local_plan_id
			join territory t on t.id = rp.municipality_id
			where rp.state = 'draft'
				and rp.due_date < current_date
				and lp.state = 'approved'
			group by t.region_id
		),
		st as (
			select region_id, sum(seats)::int as seats, sum(women)::int as women
			from monitoring_seats
			where region_id is not null
			group by region_id
		),
		o as (
			select r.id::int as id, r.stat_code, r.kind, r.soate_code, r.name_ky, r.name_ru, r.name_en,
				coalesce(mu.municipalities, 0) as municipalities, coalesce(lp.drafts, 0) as drafts,
				coalesce(lp.submitted, 0) as submitted, coalesce(mp.approved, 0) as approved,
				coalesce(mp.budget, 0) as budget_n, coalesce(mp.gender, 0) as gender_n,
				coalesce(mp.gap, 0) as gap_n, coalesce(mp.reports, 0) as reports,
				coalesce(mp.late_submitted, 0) + coalesce(overdue.overdue, 0) as late,
				coalesce(mp.planned, 0) as planned_n, coalesce(mp.spent, 0) as spent_n,
				coalesce(st.seats, 0) as seats, coalesce(st.women, 0) as women_seats,
				coalesce(mp.received, 0) as received
			from r
			left join mu on mu.region_id = r.id
			left join lp on lp.region_id = r.id
			left join mp on mp.region_id = r.id
			left join overdue on overdue.region_id = r.id
			left join st on st.region_id = r.id
		)`;
}

/** The figure columns over rows of `o` (a row's own, or sums over many when `sum` is given). */
function figureColumns(sql: Sql, sum: boolean) {
	const s = (column: string): ReturnType<Sql> =>
		sum ? sql`sum(${sql(column)})` : sql`${sql(column)}`;
	return sql`
		${s('municipalities')}::int as municipalities, ${s('drafts')}::int as drafts,
		${s('submitted')}::int as submitted, ${s('approved')}::int as approved,
		${s('budget_n')}::numeric(16, 2)::text as budget, ${s('gender_n')}::numeric(16, 2)::text as gender,
		${pct(sql, s('gender_n'), s('budget_n'))} as gender_share,
		${s('gap_n')}::numeric(16, 2)::text as gap, ${s('reports')}::int as reports, ${s('late')}::int as late,
		${s('planned_n')}::numeric(16, 2)::text as planned, ${s('spent_n')}::numeric(16, 2)::text as spent,
		${pct(sql, s('spent_n'), s('planned_n'))} as execution,
		${s('seats')}::int as seats, ${s('women_seats')}::int as women_seats,
		${pct(sql, sql`${s('women_seats')}::numeric`, sql`${s('seats')}::numeric`)} as seat_share,
		${s('received')}::int as received`;
}

function orderBy(sql: Sql, sort: NationalSort, dir: 'asc' | 'desc') {
	const column = {
		name: sql`o.soate_code`,
		municipalities: sql`o.municipalities`,
		approved: sql`o.approved`,
		budget: sql`o.budget_n`,
		gender_share: sql`(${pct(sql, sql`o.gender_n`, sql`o.budget_n`)})::numeric`,
		gap: sql`o.gap_n`,
		late: sql`o.late`,
		execution: sql`(${pct(sql, sql`o.spent_n`, sql`o.planned_n`)})::numeric`,
		seat_share: sql`(${pct(sql, sql`o.women_seats::numeric`, sql`o.seats::numeric`)})::numeric`,
		received: sql`o.received`
	}[sort];
	return dir === 'desc'
		? sql`${column} desc nulls last, o.soate_code`
		: sql`${column} asc nulls last, o.soate_code`;
}

/** The table by oblast with its national totals, for national and admin users only. */
export async function overview(
	sql: Sql,
	actor: Actor,
	options: NationalQuery = {}
): Promise<Overview> {
	if (!can(actor, 'read_national')) throw new DomainError('error_not_found', 404);
	const sort = options.sort || 'name';
	const dir = options.dir || (sort === 'name' ? 'asc' : 'desc');
	const rows = await sql<OblastRow[]>`
		${byOblast(sql)}
		select o.id, o.stat_code, o.kind, o.name_ky, o.name_ru, o.name_en, ${figureColumns(sql, false)}
		from o
		order by ${orderBy(sql, sort, dir)}`;
	// sums without group by: always one row
	const totals = (
		await sql<OblastFigures[]>`
		${byOblast(sql)}
		select ${figureColumns(sql, true)}
		from o`
	)[0]!;
	return { rows, totals };
}

export interface NationalPlanChoice {
	key: string;
	titleKy: string;
	titleRu: string | null;
	titleEn: string | null;
}

export interface CoverageCell {
	adopted: number;
	budgeted: number;
	reporting: number;
	amount: string;
}

export interface CoverageNode {
	id: number;
	stableId: string;
	level: 'chapter' | 'goal' | 'task' | 'measure';
	number: string;
	depth: number;
	titleKy: string;
	titleRu: string | null;
	titleEn: string | null;
	/** measures only: the cells by oblast id (absent: nobody there adopted it), and the national total */
	cells: Record<string, CoverageCell> | null;
	total: CoverageCell | null;
}

export interface Coverage {
	plans: NationalPlanChoice[];
	/** the chosen plan (null when there is none) */
	plan: NationalPlanChoice | null;
	oblasts: {
		id: number;
		statCode: string;
		kind: 'oblast' | 'city';
		nameKy: string;
		nameRu: string;
		nameEn: string;
	}[];
	nodes: CoverageNode[];
	measures: number;
	/** measures of the current version no municipality adopted */
	unadopted: number;
}

/** The national plans with the title of their current catalogue version. */
async function planChoices(sql: Sql): Promise<NationalPlanChoice[]> {
	return sql<NationalPlanChoice[]>`
		select distinct on (np.key) np.key, cv.title_ky, cv.title_ru, cv.title_en
		from national_plan np
		join catalogue_version cv on cv.plan_id = np.id
			and cv.is_current
		order by np.key, cv.number desc`;
}

/** The current catalogue version of a national plan (null when it has none). */
const currentVersion = (sql: Sql, key: ReturnType<Sql>) => sql`
	(select cv.id
	from national_plan np
	join catalogue_version cv on cv.plan_id = np.id
		and cv.is_current
	where np.key = ${key}
	order by cv.number desc
	limit 1)`;

/**
 * The coverage matrix of a national plan: its current catalogue version's tree (chapter > goal >
 * task > measure, in position order) and, per measure and oblast, how many municipalities adopted
 * it, budgeted it, report progress on it, and the amount. Adoption counts by (plan key, stable id),
 * so an activity taken from an older version of the catalogue still counts. Without a chosen plan,
 * the one most municipalities adopted measures from.
 */
export async function coverage(
	sql: Sql,
	actor: Actor,
	options: { plan?: string; unadoptedOnly?: boolean } = {}
): Promise<Coverage> {
	if (!can(actor, 'read_national')) throw new DomainError('error_not_found', 404);
	const plans = await planChoices(sql);
	const oblasts = await sql<Coverage['oblasts']>`
		select id::int, stat_code, kind, name_ky, name_ru, name_en
		from territory
		where parent_id is null
		order by soate_code`;
	// without a choice: the plan most municipalities adopted measures from (the first one when none)
	const [most] = options.plan
		? []
		: await sql<{ key: string }[]>`
				select plan_key as key
				from monitoring_measure
				group by plan_key
				order by count(distinct municipality_soate) desc, plan_key
				limit 1`;
	const wanted = options.plan || most?.key;
	const plan = plans.find((p) => p.key === wanted) ?? (options.plan ? null : plans[0]);
	if (options.plan && !plan) throw new DomainError('error_not_found', 404);
	if (!plan) return { plans, plan: null, oblasts, nodes: [], measures: 0, unadopted: 0 };
	const nodes = await sql<(CoverageNode & { unadoptedBelow: boolean })[]>`
		with recursive tree as (
			select n.id, n.stable_id, n.level, n.number, n.title_ky, n.title_ru, n.title_en,
				array[n.position] as path
			from plan_node n
			where n.version_id = ${currentVersion(sql, sql`${plan.key}`)}
				and n.parent_id is null
			union all
			select c.id, c.stable_id, c.level, c.number, c.title_ky, c.title_ru, c.title_en,
				tree.path || c.position
			from plan_node c
			join tree on c.parent_id = tree.id
		),
		-- one row per municipality and measure (a measure adopted in two of its plans counts once)
		adopter as (
			select mm.measure_id, mp.region_id, mm.municipality_soate, sum(mm.budget) as budget,
				bool_or(mm.budget > 0) as budgeted, bool_or(mm.reporting) as reporting
			from monitoring_measure mm
			join monitoring_plan mp on mp.municipality_soate = mm.municipality_soate
				and mp.plan_kind = mm.plan_kind
			where mm.plan_key = ${plan.key}
			group by mm.measure_id, mp.region_id, mm.municipality_soate
		),
		cell as (
			select measure_id, jsonb_object_agg(region_id::text, jsonb_build_object('adopted', adopted,
				'budgeted', budgeted, 'reporting', reporting, 'amount', amount)) as cells
			from (
				select measure_id, region_id, count(*)::int as adopted,
					(count(*) filter (where budgeted))::int as budgeted,
					(count(*) filter (where reporting))::int as reporting,
					sum(budget)::numeric(16, 2)::text as amount
				from adopter
				where region_id is not null
				group by measure_id, region_id
			) c
			group by measure_id
		),
		total as (
			select measure_id, jsonb_build_object('adopted', count(*)::int,
				'budgeted', (count(*) filter (where budgeted))::int,
				'reporting', (count(*) filter (where reporting))::int,
				'amount', sum(budget)::numeric(16, 2)::text) as total
			from adopter
			group by measure_id
		),
		measure as (
			select tree.*, cell.cells, total.total
			from tree
			left join cell on cell.measure_id = tree.stable_id
			left join total on total.measure_id = tree.stable_id
			where tree.level = 'measure'
		),
		node as (
			select tree.*, m.cells, m.total,
				exists (
					select 1
					from measure u
					where u.total is null
						and u.path[1:array_length(tree.path, 1)] = tree.path) as unadopted_below
			from tree
			left join measure m on m.id = tree.id
		)
		select node.id::int, node.stable_id, node.level, node.number,
			array_length(node.path, 1) - 1 as depth, node.title_ky, node.title_ru, node.title_en,
			case when node.level = 'measure' then coalesce(node.cells, '{}') end as cells,
			case when node.level = 'measure' then coalesce(node.total,
				jsonb_build_object('adopted', 0, 'budgeted', 0, 'reporting', 0, 'amount', '0.00')) end as total,
			node.unadopted_below
		from node
		${options.unadoptedOnly ? sql`where node.unadopted_below` : sql``}
		order by node.path`;
	// counts without group by: always one row
	const count = (
		await sql<{ measures: number; unadopted: number }[]>`
		select count(*)::int as measures,
			(count(*) filter (where not exists (
				select 1
				from monitoring_measure mm
				join monitoring_plan mp on mp.municipality_soate = mm.municipality_soate
					and mp.plan_kind = mm.plan_kind
				where mm.plan_key = ${plan.key}
					and mm.measure_id = n.stable_id)))::int as unadopted
		from plan_node n
		where n.version_id = ${currentVersion(sql, sql`${plan.key}`)}
			and n.level = 'measure'`
	)[0]!;
	return {
		plans,
		plan,
		oblasts,
		nodes: nodes.map(({ unadoptedBelow: _u, ...n }) => n),
		measures: count.measures,
		unadopted: count.unadopted
	};
}

export interface Adopter {
	municipalityId: number | null;
	soate: string;
	nameKy: string;
	nameRu: string;
	nameEn: string;
	origin: 'local' | 'feed';
	planKind: string;
	activities: number;
	budget: string;
	reporting: boolean;
}

export interface Adopters {
	plan: NationalPlanChoice;
	measure: {
		stableId: string;
		number: string;
		titleKy: string;
		titleRu: string | null;
		titleEn: string | null;
	};
	oblast: {
		id: number;
		statCode: string;
		kind: 'oblast' | 'city';
		nameKy: string;
		nameRu: string;
		nameEn: string;
	};
	rows: Adopter[];
}

/** The municipalities of an oblast that adopted a measure of a national plan, with their СОАТЕ codes. */
export async function adopters(
	sql: Sql,
	actor: Actor,
	options: { plan: string; measure: string; oblast: string }
): Promise<Adopters> {
	if (!can(actor, 'read_national')) throw new DomainError('error_not_found', 404);
	const plan = (await planChoices(sql)).find((p) => p.key === options.plan);
	const [oblast] = await sql<Adopters['oblast'][]>`
		select id::int, stat_code, kind, name_ky, name_ru, name_en
		from territory
		where stat_code = ${options.oblast.toUpperCase()}
			and parent_id is null`;
	if (!plan || !oblast) throw new DomainError('error_not_found', 404);
	const [measure] = await sql<Adopters['measure'][]>`
		select stable_id, number, title_ky, title_ru, title_en
		from plan_node
		where version_id = ${currentVersion(sql, sql`${plan.key}`)}
			and stable_id = ${options.measure}
			and level = 'measure'`;
	if (!measure) throw new DomainError('error_not_found', 404);
	const rows = await sql<Adopter[]>`
		select t.id::int as municipality_id, mm.municipality_soate as soate,
			coalesce(t.name_ky, mp.name_ky) as name_ky, coalesce(t.name_ru, mp.name_ru) as name_ru,
			coalesce(t.name_en, mp.name_ru) as name_en, mp.origin, mm.plan_kind, mm.activities,
			mm.budget::text, mm.reporting
		from monitoring_measure mm
		join monitoring_plan mp on mp.municipality_soate = mm.municipality_soate
			and mp.plan_kind = mm.plan_kind
		left join territory t on t.id = mp.municipality_id
		where mm.plan_key = ${plan.key}
			and mm.measure_id = ${measure.stableId}
			and mp.region_id = ${oblast.id}
		order by mm.municipality_soate, mm.plan_kind`;
	return { plan, measure, oblast, rows };
}

export interface GapByPlan extends NationalPlanChoice {
	budget: string;
	gap: string;
	/** percent of the budget left unfunded */
	gapShare: string | null;
}

export interface GapByPillar {
	pillar: (typeof PILLARS)[number];
	budget: string;
	gap: string;
	gapShare: string | null;
}

export interface Gaps {
	byPlan: GapByPlan[];
	/** activities not taken from any national plan */
	unlinked: { budget: string; gap: string; gapShare: string | null };
	byPillar: GapByPillar[];
}

/**
 * The funding gap (budget lines with no source) and the budget of the activities adopted from
 * each national plan and under each WPS pillar (a measure under two pillars counts in both).
 */
export async function gaps(sql: Sql, actor: Actor): Promise<Gaps> {
	if (!can(actor, 'read_national')) throw new DomainError('error_not_found', 404);
	const byPlan = await sql<GapByPlan[]>`
		with cv as (
			select distinct on (np.key) np.key, cv.title_ky, cv.title_ru, cv.title_en
			from national_plan np
			join catalogue_version cv on cv.plan_id = np.id
				and cv.is_current
			order by np.key, cv.number desc
		),
		money as (
			select plan_key, sum(budget) as budget, sum(gap) as gap
			from monitoring_measure
			group by plan_key
		)
		select cv.key, cv.title_ky, cv.title_ru, cv.title_en,
			coalesce(money.budget, 0)::numeric(16, 2)::text as budget,
			coalesce(money.gap, 0)::numeric(16, 2)::text as gap,
			${pct(sql, sql`money.gap`, sql`money.budget`)} as gap_share
		from cv
		left join money on money.plan_key = cv.key
		order by coalesce(money.gap, 0) desc, cv.key`;
	// one row of sums by one row of sums: always one row
	const unlinked = (
		await sql<Gaps['unlinked'][]>`
		with p as (
			select coalesce(sum(budget), 0) as budget, coalesce(sum(gap), 0) as gap
			from monitoring_plan
		),
		mm as (
			select coalesce(sum(budget), 0) as budget, coalesce(sum(gap), 0) as gap
			from monitoring_measure
		)
		select (p.budget - mm.budget)::numeric(16, 2)::text as budget,
			(p.gap - mm.gap)::numeric(16, 2)::text as gap,
			${pct(sql, sql`(p.gap - mm.gap)`, sql`(p.budget - mm.budget)`)} as gap_share
		from p, mm`
	)[0]!;
	const byPillar = await sql<GapByPillar[]>`
		-- summed per measure first, so the catalogue is looked up once per measure, not per municipality
		with per_measure as (
			select plan_key, measure_id, measure_node_id, sum(budget) as budget, sum(gap) as gap
			from monitoring_measure
			group by plan_key, measure_id, measure_node_id
		),
		node as (
			select mm.budget, mm.gap,
				coalesce(mm.measure_node_id, (
					select n.id
					from national_plan np
					join catalogue_version cv on cv.plan_id = np.id
						and cv.is_current
					join plan_node n on n.version_id = cv.id
						and n.stable_id = mm.measure_id
					where np.key = mm.plan_key
					order by cv.number desc
					limit 1)) as node_id
			from per_measure mm
		),
		tagged as (
			select substr(tag, length('pillar:') + 1) as pillar, sum(node.budget) as budget,
				sum(node.gap) as gap
			from node
			join measure_detail md on md.node_id = node.node_id
			cross join unnest(md.tags) tag
			where tag like 'pillar:%'
			group by 1
		)
		select p.pillar, coalesce(tagged.budget, 0)::numeric(16, 2)::text as budget,
			coalesce(tagged.gap, 0)::numeric(16, 2)::text as gap,
			${pct(sql, sql`tagged.gap`, sql`tagged.budget`)} as gap_share
		from unnest(${PILLARS as unknown as string[]}::text[]) with ordinality p (pillar, position)
		left join tagged on tagged.pillar = p.pillar
		order by p.position`;
	return { byPlan, unlinked, byPillar };
}
