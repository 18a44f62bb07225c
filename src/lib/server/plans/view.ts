import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { fromTyiyn, percentOf, shareOf, shareOfTyiyn, toTyiyn } from '../../money';
import { periodsOf, type FigureRow } from '../../plans/indicators';
import { DomainError, Forbidden } from '../errors';
import { can } from './permissions';
import type { PlanRef } from './plans';
import {
	FUNDING,
	type Activity,
	type Amounts,
	type BudgetLine,
	type Indicator,
	type LocalPlan,
	type PlanView,
	type Provenance,
	type Section,
	type Summary,
	type YearSummary
} from './types';

const PILLAR_TAG = /^pillar:(.+)$/;

/**
 * The whole plan as its page and exports show it: sections, activities with provenance, indicators,
 * budget lines and the summary; with the plan as a permission subject (`ref`), read in the same query.
 */
export async function planView(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	options: { system?: boolean; activityId?: number } = {}
): Promise<PlanView & { ref: PlanRef }> {
	// `activityId`: only that activity and its section, for the activity page (the summary then covers it alone)
	const only = options.activityId === undefined ? sql`` : sql`and a.id = ${options.activityId}`;
	const { p, ref } = await planHead(sql, actor, planId, options);
	const { envelopes, sections } = p;
	const [activities, indicators, figures, lines] = await Promise.all([
		sql<ActivityRow[]>`
		select a.id, a.section_id, a.position, a.title, a.title_ru, a.reason, a.responsible, a.partners, a.target_groups,
			a.start_year, a.start_quarter, a.end_year, a.end_quarter, a.row_version, a.measure_node_id, a.national_text, a.national_text_ru,
			n.stable_id as measure_stable_id, n.number as measure_number, v.id as catalogue_version_id, v.number as catalogue_version,
			np.id as plan_id, np.key as plan_key, np.kind as plan_kind, v.period_start as plan_start, v.period_end as plan_end, v.title_ky as plan_title_ky, v.title_ru as plan_title_ru, v.title_en as plan_title_en, d.tags
		from activity a
		left join plan_node n on n.id = a.measure_node_id
		left join catalogue_version v on v.id = n.version_id
		left join national_plan np on np.id = v.plan_id
		left join measure_detail d on d.node_id = n.id
		where a.local_plan_id = ${planId} ${only}
		order by a.position, a.id`,
		sql<Omit<Indicator, 'baseline' | 'targets'>[]>`
		select i.id, i.activity_id, i.name, i.unit, i.kind, i.population, i.by_sex, i.by_age, i.by_disability,
			i.data_source, i.row_version
		from indicator i
		join activity a on a.id = i.activity_id
		where a.local_plan_id = ${planId} ${only}
		order by i.position, i.id`,
		sql<(FigureRow & { indicatorId: number })[]>`
		select v.indicator_id, v.year, v.sex, v.age_band, v.disability, v.value::text as value
		from indicator_value v
		join indicator i on i.id = v.indicator_id
		join activity a on a.id = i.activity_id
		where a.local_plan_id = ${planId} ${only}
		order by v.year nulls first`,
		sql<Omit<BudgetLine, 'genderAmount'>[]>`
		select b.id, b.activity_id, b.year, b.amount::text as amount, b.source, b.donor_name, b.classification_code, b.marker,
			b.gender_share::text as gender_share, b.justification, b.beneficiaries_women, b.beneficiaries_men, b.beneficiaries_girls,
			b.beneficiaries_boys, b.row_version
		from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${planId} ${only} order by b.year, b.id`
	]);
	return {
		...assemblePlanView({ p, envelopes, sections, activities, indicators, figures, lines }),
		ref
	};
}

/**
 * The plan's own row with its envelopes and sections (one query), as a permission subject checked
 * for reading; `activityId` keeps only that activity's section.
 */
export async function planHead(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	options: { system?: boolean; activityId?: number } = {}
): Promise<{ p: PlanHeadRow; ref: PlanRef }> {
	const onlySection =
		options.activityId === undefined
			? sql``
			: sql`and s.id = (select section_id from activity where id = ${options.activityId})`;
	const [p] = await sql<PlanHeadRow[]>`
		select p.id, p.municipality_id, p.kind, p.title, p.title_ru, p.period_start, p.period_end, p.row_version, p.created_at, p.updated_at,
			p.state, t.region_id, t.name_ky, t.name_ru, t.name_en, t.soate_code,
			coalesce((
				select json_agg(json_build_object('year', e.year, 'amount', e.amount::text) order by e.year)
				from local_plan_envelope e
				where e.local_plan_id = p.id
			), '[]') as envelopes,
			coalesce((
				select json_agg(json_build_object(
					'id', s.id, 'title', s.title, 'titleRu', s.title_ru, 'position', s.position, 'rowVersion', s.row_version
				) order by s.position, s.id)
				from plan_section s
				where s.local_plan_id = p.id ${onlySection}
			), '[]') as sections
		from local_plan p
		join territory t on t.id = p.municipality_id
		where p.id = ${planId}`;
	if (!p) throw new DomainError('error_not_found', 404);
	const ref: PlanRef = {
		id: p.id,
		municipalityId: p.municipalityId,
		regionId: p.regionId,
		periodStart: p.periodStart,
		periodEnd: p.periodEnd,
		rowVersion: p.rowVersion,
		state: p.state
	};
	// `system`: the document job renders for whoever asked; the request was checked then
	if (!options.system && !can(actor, 'read', ref)) throw new Forbidden();
	return { p, ref };
}

/** The plan's row as `planHead` reads it. */
export type PlanHeadRow = PlanRow &
	Pick<PlanRef, 'regionId' | 'state'> &
	Pick<PlanViewRows, 'envelopes' | 'sections'>;

/** The plan as `summarise` and the page's header read it, from its head row. */
export function localPlanOf(p: PlanRow, envelopes: PlanViewRows['envelopes']): LocalPlan {
	return {
		id: p.id,
		municipalityId: p.municipalityId,
		municipality: { nameKy: p.nameKy, nameRu: p.nameRu, nameEn: p.nameEn, soateCode: p.soateCode },
		kind: p.kind,
		title: p.title,
		titleRu: p.titleRu,
		periodStart: p.periodStart,
		periodEnd: p.periodEnd,
		envelopes,
		rowVersion: p.rowVersion,
		createdAt: p.createdAt,
		updatedAt: p.updatedAt
	};
}

type PlanRow = Omit<LocalPlan, 'municipality' | 'envelopes'> & {
	nameKy: string;
	nameRu: string;
	nameEn: string;
	soateCode: string;
};
type ActivityRow = Omit<Activity, 'provenance' | 'indicators' | 'budget'> & {
	measureNodeId: number | null;
	nationalText: string | null;
	nationalTextRu: string | null;
	measureStableId: string | null;
	measureNumber: string | null;
	catalogueVersionId: number | null;
	catalogueVersion: number | null;
	planId: number | null;
	planKey: string | null;
	planKind: 'gender_nap' | 'nap_1325' | 'other' | null;
	planStart: number | null;
	planEnd: number | null;
	planTitleKy: string | null;
	planTitleRu: string | null;
	planTitleEn: string | null;
	tags: string[] | null;
};

/** The rows `planView` reads, one array per query. */
export interface PlanViewRows {
	p: PlanRow;
	envelopes: { year: number; amount: string }[];
	sections: { id: number; title: string; titleRu: string; position: number; rowVersion: number }[];
	activities: ActivityRow[];
	indicators: Omit<Indicator, 'baseline' | 'targets'>[];
	/** every figure of the plan's indicators (`indicator_value`), the baseline's (year null) first */
	figures: (FigureRow & { indicatorId: number })[];
	lines: Omit<BudgetLine, 'genderAmount'>[];
}

/** Groups rows by a key in one pass, keeping their order. */
export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const row of rows) {
		const k = key(row);
		const group = groups.get(k);
		if (group) group.push(row);
		else groups.set(k, [row]);
	}
	return groups;
}

/** Builds the plan view from its rows; each row is visited a fixed number of times, so the work is linear in the plan's size. */
export function assemblePlanView({
	p,
	envelopes,
	sections,
	activities,
	indicators,
	figures,
	lines
}: PlanViewRows): PlanView {
	const figuresOf = groupBy(figures, (f) => f.indicatorId);
	const planTitles: PlanView['planTitles'] = {};
	const indicatorsOf = groupBy(indicators, (i) => i.activityId);
	const linesOf = groupBy(lines, (l) => l.activityId);
	const byActivity = <T>(groups: Map<number, T[]>, id: number): T[] => groups.get(id) ?? [];
	const built: Activity[] = activities.map((a) => {
		if (a.planKey)
			planTitles[a.planKey] = {
				ky: a.planTitleKy ?? '',
				...(a.planTitleRu ? { ru: a.planTitleRu } : {}),
				...(a.planTitleEn ? { en: a.planTitleEn } : {})
			};
		return {
			id: a.id,
			sectionId: a.sectionId,
			position: a.position,
			title: a.title,
			titleRu: a.titleRu,
			reason: a.reason,
			responsible: a.responsible,
			partners: a.partners,
			targetGroups: a.targetGroups,
			startYear: a.startYear,
			startQuarter: a.startQuarter,
			endYear: a.endYear,
			endQuarter: a.endQuarter,
			rowVersion: a.rowVersion,
			provenance: a.measureNodeId
				? {
						measureNodeId: a.measureNodeId,
						measureStableId: a.measureStableId!,
						measureNumber: a.measureNumber!,
						catalogueVersionId: a.catalogueVersionId!,
						catalogueVersion: a.catalogueVersion!,
						planId: a.planId!,
						planKey: a.planKey!,
						planKind: a.planKind!,
						planPeriod: { start: a.planStart!, end: a.planEnd! },
						// set above for this activity's plan key
						planTitle: planTitles[a.planKey!]!,
						nationalText: a.nationalText!,
						nationalTextRu: a.nationalTextRu ?? '',
						pillars: (a.tags ?? [])
							.map((t) => PILLAR_TAG.exec(t)?.[1])
							.filter((x): x is string => !!x)
					}
				: null,
			indicators: byActivity(indicatorsOf, a.id).map((i) => ({
				...i,
				...periodsOf(i.kind, i.bySex, figuresOf.get(i.id) ?? [])
			})),
			budget: byActivity(linesOf, a.id).map((l) => ({
				...l,
				genderAmount: shareOf(l.amount, l.genderShare)
			}))
		};
	});
	const plan = localPlanOf(p, envelopes);
	const bySection = groupBy(built, (a) => a.sectionId);
	const view: Section[] = sections.map((s) => ({ ...s, activities: bySection.get(s.id) ?? [] }));
	return { plan, sections: view, summary: summarise(plan, built), planTitles };
}

/** What `summarise` reads of an activity: where it comes from and its budget lines. */
export interface SummedActivity {
	provenance: Pick<Provenance, 'planKey' | 'pillars'> | null;
	budget: readonly Pick<BudgetLine, 'year' | 'amount' | 'source' | 'genderShare'>[];
}

/**
 * The gender budget figures of a plan, per year and in total: amounts by source, the gender-targeted
 * amount (marker 2 all, marker 1 the stated share, marker 0 none) and its share, the unfunded gap,
 * amounts by the national plan each activity comes from and by WPS pillar. Exact to the tyiyn.
 */
export function summarise(
	plan: Pick<LocalPlan, 'periodStart' | 'periodEnd' | 'envelopes'>,
	activities: readonly SummedActivity[]
): Summary {
	const years: number[] = [];
	for (let y = plan.periodStart; y <= plan.periodEnd; y++) years.push(y);
	// sums are kept in tyiyn (BigInt) while adding and written as decimal strings once at the end
	interface Sums {
		year: number | 'total';
		total: bigint;
		bySource: Map<string, bigint>;
		genderAmount: bigint;
		unfunded: bigint;
		byPlan: Map<string, bigint>;
		byPillar: Map<string, bigint>;
	}
	const empty = (year: number | 'total'): Sums => ({
		year,
		total: 0n,
		bySource: new Map(FUNDING.map((f) => [f, 0n])),
		genderAmount: 0n,
		unfunded: 0n,
		byPlan: new Map(),
		byPillar: new Map()
	});
	const perYear = new Map<number | 'total', Sums>([
		...years.map((y) => [y, empty(y)] as const),
		['total', empty('total')]
	]);
	const totalSums = perYear.get('total')!;
	const add = (bucket: Map<string, bigint>, key: string, amount: bigint) =>
		bucket.set(key, (bucket.get(key) ?? 0n) + amount);
	const activitiesByPlan: Record<string, number> = {};
	for (const a of activities) {
		const planKey = a.provenance?.planKey ?? 'local';
		activitiesByPlan[planKey] = (activitiesByPlan[planKey] ?? 0) + 1;
		for (const l of a.budget) {
			const amount = toTyiyn(l.amount);
			const gender = shareOfTyiyn(amount, l.genderShare);
			const yearSums = perYear.get(l.year);
			for (const s of yearSums ? [yearSums, totalSums] : [totalSums]) {
				s.total += amount;
				add(s.bySource, l.source, amount);
				s.genderAmount += gender;
				if (l.source === 'unfunded') s.unfunded += amount;
				add(s.byPlan, planKey, amount);
				for (const pillar of a.provenance?.pillars ?? []) add(s.byPillar, pillar, amount);
			}
		}
	}
	const amounts = (m: Map<string, bigint>): Amounts =>
		Object.fromEntries([...m].map(([k, v]) => [k, fromTyiyn(v)]));
	const written = (s: Sums): YearSummary => {
		const envelope =
			s.year === 'total' ? null : (plan.envelopes.find((e) => e.year === s.year)?.amount ?? null);
		const total = fromTyiyn(s.total);
		const genderAmount = fromTyiyn(s.genderAmount);
		return {
			year: s.year,
			total,
			bySource: amounts(s.bySource),
			genderAmount,
			genderShare: percentOf(genderAmount, total),
			unfunded: fromTyiyn(s.unfunded),
			envelope,
			overEnvelope: envelope !== null && (s.bySource.get('local_budget') ?? 0n) > toTyiyn(envelope),
			byPlan: amounts(s.byPlan),
			byPillar: amounts(s.byPillar)
		};
	};
	const yearSummaries = years.map((y) => written(perYear.get(y)!));
	const total = written(totalSums);
	total.envelope = plan.envelopes.length
		? fromTyiyn(plan.envelopes.reduce((x, e) => x + toTyiyn(e.amount), 0n))
		: null;
	total.overEnvelope = yearSummaries.some((y) => y.overEnvelope);
	return { years: yearSummaries, total, activitiesByPlan, activities: activities.length };
}
