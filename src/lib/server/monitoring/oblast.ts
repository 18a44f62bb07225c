/**
 * The oblast dashboard: every municipality of an oblast in one row — its current plan, budget and
 * gender figures, last report, execution and kenesh seats — with totals and the oblast's medians.
 * Everything is computed by one SQL query over indexed tables (never summed in JavaScript), with
 * the same exact arithmetic as `$lib/reports/summary.ts` (tyiyn, half-up percents of one decimal).
 */
import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import * as plans from '../plans/permissions';
import { can, rowsFor } from './permissions';
import { pct } from './sql';

export const SORTS = [
	'name',
	'budget',
	'gender_share',
	'gap',
	'envelope_use',
	'execution',
	'seat_share'
] as const;
export type Sort = (typeof SORTS)[number];
export const STATES = ['none', 'draft', 'submitted', 'approved'] as const;
export const KINDS = ['development_programme', 'gender_plan', 'wps_plan'] as const;

export interface DashboardQuery {
	sort?: Sort | '';
	dir?: 'asc' | 'desc' | '';
	rayon?: number | null;
	state?: (typeof STATES)[number] | '';
	kind?: (typeof KINDS)[number] | '';
	late?: boolean;
}

export interface DashboardRow {
	municipalityId: number;
	soateCode: string;
	nameKy: string;
	nameRu: string;
	nameEn: string;
	rayonId: number | null;
	rayonNameKy: string | null;
	rayonNameRu: string | null;
	rayonNameEn: string | null;
	planId: number | null;
	planKind: string | null;
	/** 'none' when the municipality has no plan */
	planState: 'none' | 'draft' | 'submitted' | 'approved';
	/** false: the actor may not read this plan, so only its state and counts are shown */
	readable: boolean;
	/** the approved plan is known here from the feed of another instance (no plan id of ours) */
	received: boolean;
	decisionNumber: string | null;
	decisionDate: string | null;
	activities: number;
	/** activities taken from a national plan's measure */
	adopted: number;
	budget: string;
	/** the budget per year, e.g. { "2025": "100.00" } */
	budgetByYear: Record<string, string>;
	gender: string;
	/** percent of the budget, one decimal; null without a budget */
	genderShare: string | null;
	gap: string;
	envelope: string | null;
	localBudget: string;
	envelopeUse: string | null;
	lastPeriod: string | null;
	lastDue: string | null;
	/** the last submitted report: whether it came by its due date (null without one) */
	onTime: boolean | null;
	/** the first report past its due date and not submitted */
	overduePeriod: string | null;
	planned: string | null;
	spent: string | null;
	execution: string | null;
	reachedWomen: number | null;
	reachedMen: number | null;
	reachedGirls: number | null;
	reachedBoys: number | null;
	seats: number;
	womenSeats: number;
	seatShare: string | null;
}

export interface Figures {
	budget: string;
	gender: string;
	genderShare: string | null;
	gap: string;
	execution: string | null;
	envelopeUse: string | null;
	seatShare: string | null;
}

export interface Dashboard {
	oblast: { id: number; statCode: string; nameKy: string; nameRu: string; nameEn: string };
	rayons: { id: number; nameKy: string; nameRu: string; nameEn: string }[];
	rows: DashboardRow[];
	/** sums over the rows shown (monitors only; null for staff and deputies) */
	totals: (Figures & { planned: string; spent: string; municipalities: number }) | null;
	/**
	 * the oblast's medians over every municipality with a plan, whatever the filters; null for
	 * staff and deputies when too few municipalities have a plan for the median to hide them
	 */
	median: Figures | null;
	/** planned and spent in the last reports, per funding source, over the rows shown */
	bySource: { source: string; planned: string; spent: string }[];
	/** municipalities of the rows shown with at least one activity adopted from a national plan */
	adoptingGoals: number;
}

/** Fewer municipalities with a plan than this, and a median would give a neighbour's figures away. */
export const MIN_PEERS = 3;

/** The per-municipality figures of one oblast as a CTE named `d`. */
function figures(sql: Sql, regionId: number) {
	return sql`
		with m as (
			select t.id, t.soate_code, t.name_ky, t.name_ru, t.name_en, t.rayon_id,
				r.name_ky as rayon_name_ky, r.name_ru as rayon_name_ru, r.name_en as rayon_name_en
			from territory t
			left join territory r on r.id = t.rayon_id
			where t.region_id = ${regionId}
				and t.kind in ('municipality', 'town')
		),
		p as (
			select distinct on (lp.municipality_id) lp.id, lp.municipality_id, lp.kind, lp.state
			from local_plan lp
			where lp.municipality_id in (select id from m)
			order by lp.municipality_id, (lp.state = 'approved') desc, lp.period_end desc, lp.id desc
		),
		-- the figures recorded at approval and report submission (monitoring/figures.ts): an
		-- approved plan here, or, for a municipality with no plan here, the approved plan another
		-- instance sent by the feed. Only the plans not recorded are summed from their rows.
		rec as (
			select mp.municipality_id, mp.origin, mp.plan_id, mp.plan_kind, mp.decision_number,
				mp.decision_date, mp.activities, mp.adopted, mp.budget, mp.budget_by_year, mp.gender,
				mp.gap, mp.envelope, mp.local_budget, mp.report_period, mp.report_due,
				mp.report_submitted_at, mp.planned, mp.spent, mp.reached_women, mp.reached_men,
				mp.reached_girls, mp.reached_boys, mp.by_source, null::int as seats, null::int as women
			from monitoring_plan mp
			join p on p.id = mp.plan_id and p.municipality_id = mp.municipality_id and p.state = 'approved'
			where mp.origin = 'local'
			union all
			select * from (
				select distinct on (mp.municipality_id) mp.municipality_id, mp.origin, mp.plan_id,
					mp.plan_kind, mp.decision_number, mp.decision_date, mp.activities, mp.adopted,
					mp.budget, mp.budget_by_year, mp.gender, mp.gap, mp.envelope, mp.local_budget,
					mp.report_period, mp.report_due, mp.report_submitted_at, mp.planned, mp.spent,
					mp.reached_women, mp.reached_men, mp.reached_girls, mp.reached_boys, mp.by_source,
					ms.seats, ms.women
				from monitoring_plan mp
				left join monitoring_seats ms on ms.municipality_soate = mp.municipality_soate
				where mp.municipality_id in (select id from m)
					and mp.origin = 'feed'
					and mp.municipality_id not in (select municipality_id from p)
				order by mp.municipality_id, mp.as_of desc
			) fed
		),
		live as (
			select id
			from p
			where id not in (select plan_id from rec where origin = 'local')
		),
		act as (
			select a.local_plan_id, count(*)::int as activities,
				(count(*) filter (where a.measure_node_id is not null))::int as adopted
			from activity a
			where a.local_plan_id in (select id from live)
			group by a.local_plan_id
		),
		line as (
			select a.local_plan_id, b.year, b.source, b.amount,
				(div(b.amount * 100 * (b.gender_share * 100) + 5000, 10000) / 100)::numeric(14, 2) as gender
			from budget_line b
			join activity a on a.id = b.activity_id
			where a.local_plan_id in (select id from live)
		),
		bud as (
			select local_plan_id, sum(amount) as budget, sum(gender) as gender,
				coalesce(sum(amount) filter (where source = 'unfunded'), 0.00) as gap,
				coalesce(sum(amount) filter (where source = 'local_budget'), 0.00) as local_budget
			from line
			group by local_plan_id
		),
		yr as (
			select local_plan_id, jsonb_object_agg(year::text, amount::text order by year) as by_year
			from (select local_plan_id, year, sum(amount) as amount from line group by 1, 2) y
			group by local_plan_id
		),
		env as (
			select local_plan_id, sum(amount) as envelope
			from local_plan_envelope
			where local_plan_id in (select id from live)
			group by local_plan_id
		),
		rep as (
			select distinct on (r.local_plan_id) r.id, r.local_plan_id, r.period, r.year, r.due_date,
				r.state = 'submitted' and r.submitted_at::date <= r.due_date as on_time
			from report r
			where r.local_plan_id in (select id from live)
				and r.state = 'submitted'
			order by r.local_plan_id, r.period_end desc
		),
		overdue as (
			select local_plan_id, min(period) as period
			from report
			where local_plan_id in (select id from p)
				and state = 'draft'
				and due_date < current_date
			group by local_plan_id
		),
		sp as (
			select rep.id as report_id, b.source, b.amount as planned, coalesce(s.spent, 0.00)::numeric(14, 2) as spent,
				s.reached_women, s.reached_men, s.reached_girls, s.reached_boys
			from rep
			join activity a on a.local_plan_id = rep.local_plan_id
			join budget_line b on b.activity_id = a.id and b.year = rep.year
			left join report_spending s on s.report_id = rep.id and s.budget_line_id = b.id
			union all
			select x.report_id, x.source, 0.00::numeric(14, 2), x.spent, null, null, null, null
			from report_extra_spending x
			where x.report_id in (select id from rep)
		),
		exe as (
			select report_id, sum(planned) as planned, sum(spent) as spent,
				sum(reached_women)::int as reached_women, sum(reached_men)::int as reached_men,
				sum(reached_girls)::int as reached_girls, sum(reached_boys)::int as reached_boys
			from sp
			group by report_id
		),
		seat as (
			select municipality_id, count(*)::int as seats,
				(count(*) filter (where sex = 'female'))::int as women
			from deputy
			where active and municipality_id in (select id from m)
			group by municipality_id
		),
		d as (
			select m.id as municipality_id, m.soate_code, m.name_ky, m.name_ru, m.name_en,
				m.rayon_id::int as rayon_id, m.rayon_name_ky, m.rayon_name_ru, m.rayon_name_en,
				p.id::int as plan_id, coalesce(p.kind, rec.plan_kind) as plan_kind,
				coalesce(p.state, case when rec.plan_id is not null then 'approved' end, 'none') as plan_state,
				coalesce(rec.origin = 'feed', false) as received,
				coalesce(pa.decision_number, rec.decision_number) as decision_number,
				coalesce(pa.decision_date, rec.decision_date)::text as decision_date,
				coalesce(act.activities, rec.activities, 0) as activities,
				coalesce(act.adopted, rec.adopted, 0) as adopted,
				coalesce(bud.budget, rec.budget, 0) as budget_n,
				coalesce(yr.by_year, rec.budget_by_year, '{}') as budget_by_year,
				coalesce(bud.gender, rec.gender, 0) as gender_n, coalesce(bud.gap, rec.gap, 0) as gap_n,
				coalesce(env.envelope, rec.envelope) as envelope_n,
				coalesce(bud.local_budget, rec.local_budget, 0) as local_budget_n,
				coalesce(rep.period, rec.report_period) as last_period,
				coalesce(rep.due_date, rec.report_due)::text as last_due,
				coalesce(rep.on_time, rec.report_submitted_at::date <= rec.report_due) as on_time,
				overdue.period as overdue_period,
				coalesce(exe.planned, rec.planned) as planned_n, coalesce(exe.spent, rec.spent) as spent_n,
				coalesce(exe.reached_women, rec.reached_women) as reached_women,
				coalesce(exe.reached_men, rec.reached_men) as reached_men,
				coalesce(exe.reached_girls, rec.reached_girls) as reached_girls,
				coalesce(exe.reached_boys, rec.reached_boys) as reached_boys,
				coalesce(seat.seats, rec.seats, 0) as seats, coalesce(seat.women, rec.women, 0) as women_seats,
				rep.id as report_id, rec.by_source as received_by_source
			from m
			left join p on p.municipality_id = m.id
			left join plan_approval pa on pa.local_plan_id = p.id
			left join act on act.local_plan_id = p.id
			left join bud on bud.local_plan_id = p.id
			left join yr on yr.local_plan_id = p.id
			left join env on env.local_plan_id = p.id
			left join rep on rep.local_plan_id = p.id
			left join overdue on overdue.local_plan_id = p.id
			left join exe on exe.report_id = rep.id
			left join seat on seat.municipality_id = m.id
			left join rec on rec.municipality_id = m.id
		)`;
}

/** The sort columns as SQL (over the rows CTE `f`), always followed by the name so ties are stable. */
function orderBy(sql: Sql, sort: Sort, dir: 'asc' | 'desc') {
	const column = {
		name: sql`f.name_ky`,
		budget: sql`f.budget_n`,
		gender_share: sql`f.gender_share_n`,
		gap: sql`f.gap_n`,
		envelope_use: sql`f.envelope_use_n`,
		execution: sql`f.execution_n`,
		seat_share: sql`f.seat_share_n`
	}[sort];
	return dir === 'desc'
		? sql`${column} desc nulls last, f.name_ky`
		: sql`${column} asc nulls last, f.name_ky`;
}

/**
 * The dashboard of the oblast with this KG code (`KG05`). An oblast the actor may not open is
 * "not found", like one that does not exist. Staff and deputies get only their own row (and no
 * totals); a plan the actor may not read shows as its state and counts only.
 */
export async function dashboard(
	sql: Sql,
	actor: Actor,
	options: { code: string } & DashboardQuery
): Promise<Dashboard> {
	const [oblast] = await sql<Dashboard['oblast'][]>`
		select id::int, stat_code, name_ky, name_ru, name_en
		from territory
		where stat_code = ${options.code.toUpperCase()}
			and parent_id is null`;
	if (!oblast || !can(actor, 'read_oblast', { regionId: oblast.id }))
		throw new DomainError('error_not_found', 404);
	const own = rowsFor(actor, { regionId: oblast.id });
	const late = !!options.late;
	const where = sql`
		where true
			${own ? sql`and f.municipality_id = any (${own}::bigint[])` : sql``}
			${options.rayon ? sql`and f.rayon_id = ${options.rayon}` : sql``}
			${options.state ? sql`and f.plan_state = ${options.state}` : sql``}
			${options.kind ? sql`and f.plan_kind = ${options.kind}` : sql``}
			${late ? sql`and (f.on_time = false or f.overdue_period is not null)` : sql``}`;
	const withRows = sql`
		${figures(sql, oblast.id)},
		f as (
			select d.*,
				${pct(sql, sql`d.gender_n`, sql`d.budget_n`)} as gender_share,
				${pct(sql, sql`d.local_budget_n`, sql`d.envelope_n`)} as envelope_use,
				${pct(sql, sql`d.spent_n`, sql`d.planned_n`)} as execution,
				${pct(sql, sql`d.women_seats::numeric`, sql`d.seats::numeric`)} as seat_share
			from d
		),
		f2 as (
			select f.*, f.gender_share::numeric as gender_share_n,
				f.envelope_use::numeric as envelope_use_n, f.execution::numeric as execution_n,
				f.seat_share::numeric as seat_share_n
			from f
		)`;
	const rows = await sql<(DashboardRow & { reportId: number | null })[]>`
		${withRows}
		select f.municipality_id::int, f.soate_code, f.name_ky, f.name_ru, f.name_en,
			f.rayon_id, f.rayon_name_ky, f.rayon_name_ru, f.rayon_name_en,
			f.plan_id, f.plan_kind, f.plan_state, f.received, f.decision_number, f.decision_date,
			f.activities, f.adopted, f.budget_n::text as budget, f.budget_by_year,
			f.gender_n::text as gender, f.gender_share, f.gap_n::text as gap,
			f.envelope_n::text as envelope, f.local_budget_n::text as local_budget, f.envelope_use,
			f.last_period, f.last_due, f.on_time, f.overdue_period,
			f.planned_n::text as planned, f.spent_n::text as spent, f.execution,
			f.reached_women, f.reached_men, f.reached_girls, f.reached_boys,
			f.seats, f.women_seats, f.seat_share
		from f2 f
		${where}
		order by ${orderBy(sql, options.sort || 'name', options.dir || (options.sort && options.sort !== 'name' ? 'desc' : 'asc'))}`;
	// aggregates without group by: always one row (of zeros when nothing is shown)
	const agg = (
		await sql<
			{
				budget: string;
				gender: string;
				gap: string;
				envelope: string | null;
				localBudget: string;
				planned: string;
				spent: string;
				seats: number;
				womenSeats: number;
				municipalities: number;
				genderShare: string | null;
				execution: string | null;
				envelopeUse: string | null;
				seatShare: string | null;
				adopting: number;
				withPlan: number;
				medBudget: string | null;
				medGender: string | null;
				medGenderShare: string | null;
				medGap: string | null;
				medExecution: string | null;
				medEnvelopeUse: string | null;
				medSeatShare: string | null;
				bySource: { source: string; planned: string; spent: string }[] | null;
			}[]
		>`
		${withRows},
		shown as (
			select f.*
			from f2 f
			${where}
		),
		med as (
			select
				percentile_cont(0.5) within group (order by budget_n) as budget,
				percentile_cont(0.5) within group (order by gender_n) as gender,
				percentile_cont(0.5) within group (order by gender_share_n) as gender_share,
				percentile_cont(0.5) within group (order by gap_n) as gap,
				percentile_cont(0.5) within group (order by execution_n) as execution,
				percentile_cont(0.5) within group (order by envelope_use_n) as envelope_use,
				percentile_cont(0.5) within group (order by seat_share_n) as seat_share
			from f2
			where plan_id is not null
		),
		src as (
			select coalesce(jsonb_agg(jsonb_build_object('source', source, 'planned', planned::numeric(16, 2)::text,
				'spent', spent::numeric(16, 2)::text) order by source), '[]') as by_source
			from (
				select source, sum(planned) as planned, sum(spent) as spent
				from (
					select sp.source, sp.planned, sp.spent
					from sp
					where sp.report_id in (select report_id from shown)
					union all
					select x ->> 'source', (x ->> 'planned')::numeric, (x ->> 'spent')::numeric
					from shown, jsonb_array_elements(shown.received_by_source) x
					where shown.last_period is not null
				) r
				group by source
			) s
		)
		select coalesce(sum(budget_n), 0)::text as budget, coalesce(sum(gender_n), 0)::text as gender,
			coalesce(sum(gap_n), 0)::text as gap, sum(envelope_n)::text as envelope,
			coalesce(sum(local_budget_n) filter (where envelope_n is not null), 0)::text as local_budget,
			coalesce(sum(planned_n), 0)::text as planned, coalesce(sum(spent_n), 0)::text as spent,
			coalesce(sum(seats), 0)::int as seats, coalesce(sum(women_seats), 0)::int as women_seats,
			count(*)::int as municipalities,
			${pct(sql, sql`sum(gender_n)`, sql`sum(budget_n)`)} as gender_share,
			${pct(sql, sql`sum(spent_n)`, sql`sum(planned_n)`)} as execution,
			${pct(sql, sql`sum(local_budget_n) filter (where envelope_n is not null)`, sql`sum(envelope_n)`)} as envelope_use,
			${pct(sql, sql`sum(women_seats)::numeric`, sql`sum(seats)::numeric`)} as seat_share,
			(count(*) filter (where adopted > 0))::int as adopting,
			(select count(*) from f2 where plan_id is not null)::int as with_plan,
			(select round(budget::numeric, 2)::text from med) as med_budget,
			(select round(gender::numeric, 2)::text from med) as med_gender,
			(select round(gender_share::numeric, 1)::text from med) as med_gender_share,
			(select round(gap::numeric, 2)::text from med) as med_gap,
			(select round(execution::numeric, 1)::text from med) as med_execution,
			(select round(envelope_use::numeric, 1)::text from med) as med_envelope_use,
			(select round(seat_share::numeric, 1)::text from med) as med_seat_share,
			(select by_source from src) as by_source
		from shown`
	)[0]!;
	return {
		oblast,
		rayons: await sql<Dashboard['rayons']>`
			select id::int, name_ky, name_ru, name_en
			from territory
			where parent_id = ${oblast.id}
				and kind = 'rayon'
			order by name_ky`,
		rows: rows.map(({ reportId: _r, ...r }) => {
			const readable =
				r.planId === null ||
				plans.can(actor, 'read', { municipalityId: r.municipalityId, regionId: oblast.id });
			return readable ? { ...r, readable } : redact(r);
		}),
		totals: own
			? null
			: {
					municipalities: agg.municipalities,
					budget: agg.budget,
					gender: agg.gender,
					genderShare: agg.genderShare,
					gap: agg.gap,
					planned: agg.planned,
					spent: agg.spent,
					execution: agg.execution,
					envelopeUse: agg.envelopeUse,
					seatShare: agg.seatShare
				},
		median:
			own && agg.withPlan < MIN_PEERS
				? null
				: {
						budget: agg.medBudget ?? '0.00',
						gender: agg.medGender ?? '0.00',
						genderShare: agg.medGenderShare,
						gap: agg.medGap ?? '0.00',
						execution: agg.medExecution,
						envelopeUse: agg.medEnvelopeUse,
						seatShare: agg.medSeatShare
					},
		bySource: own ? [] : (agg.bySource ?? []),
		adoptingGoals: agg.adopting
	};
}

/** A plan the actor may not read: its state and counts, none of its content. */
function redact(r: DashboardRow): DashboardRow {
	return {
		...r,
		readable: false,
		decisionNumber: null,
		decisionDate: null,
		budget: '0.00',
		budgetByYear: {},
		gender: '0.00',
		genderShare: null,
		gap: '0.00',
		envelope: null,
		localBudget: '0.00',
		envelopeUse: null,
		planned: null,
		spent: null,
		execution: null,
		reachedWomen: null,
		reachedMen: null,
		reachedGirls: null,
		reachedBoys: null
	};
}
