import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { addMoney, fromTyiyn, percentOf, shareOf, toTyiyn } from '../../money';
import { periodsOf, type FigureRow } from '../../plans/indicators';
import { requirePlan } from './plans';
import {
	FUNDING,
	type Activity,
	type Amounts,
	type BudgetLine,
	type Indicator,
	type LocalPlan,
	type PlanView,
	type Section,
	type Summary,
	type YearSummary
} from './types';

const PILLAR_TAG = /^pillar:(.+)$/;

/** The whole plan as its page and exports show it: sections, activities with provenance, indicators, budget lines and the summary. */
export async function planView(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	options: { system?: boolean } = {}
): Promise<PlanView> {
	// `system`: the document job renders for whoever asked; the request was checked then
	if (!options.system) await requirePlan(sql, actor, planId, 'read');
	const [p] = await sql<
		(Omit<LocalPlan, 'municipality' | 'envelopes'> & {
			nameKy: string;
			nameRu: string;
			nameEn: string;
			soateCode: string;
		})[]
	>`
		select p.id, p.municipality_id, p.kind, p.title, p.title_ru, p.period_start, p.period_end, p.row_version, p.created_at, p.updated_at,
			t.name_ky, t.name_ru, t.name_en, t.soate_code
		from local_plan p join territory t on t.id = p.municipality_id where p.id = ${planId}`;
	const envelopes = await sql<
		{ year: number; amount: string }[]
	>`select year, amount::text as amount from local_plan_envelope where local_plan_id = ${planId} order by year`;
	const sections = await sql<
		{ id: number; title: string; titleRu: string; position: number; rowVersion: number }[]
	>`
		select id, title, title_ru, position, row_version
		from plan_section
		where local_plan_id = ${planId}
		order by position, id`;
	const activities = await sql<
		(Omit<Activity, 'provenance' | 'indicators' | 'budget'> & {
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
		})[]
	>`
		select a.id, a.section_id, a.position, a.title, a.title_ru, a.reason, a.responsible, a.partners, a.target_groups,
			a.start_year, a.start_quarter, a.end_year, a.end_quarter, a.row_version, a.measure_node_id, a.national_text, a.national_text_ru,
			n.stable_id as measure_stable_id, n.number as measure_number, v.id as catalogue_version_id, v.number as catalogue_version,
			np.id as plan_id, np.key as plan_key, np.kind as plan_kind, v.period_start as plan_start, v.period_end as plan_end, v.title_ky as plan_title_ky, v.title_ru as plan_title_ru, v.title_en as plan_title_en, d.tags
		from activity a
		left join plan_node n on n.id = a.measure_node_id
		left join catalogue_version v on v.id = n.version_id
		left join national_plan np on np.id = v.plan_id
		left join measure_detail d on d.node_id = n.id
		where a.local_plan_id = ${planId}
		order by a.position, a.id`;
	const indicators = await sql<Omit<Indicator, 'baseline' | 'targets'>[]>`
		select i.id, i.activity_id, i.name, i.unit, i.kind, i.population, i.by_sex, i.by_age, i.by_disability,
			i.data_source, i.row_version
		from indicator i
		join activity a on a.id = i.activity_id
		where a.local_plan_id = ${planId}
		order by i.position, i.id`;
	const figures = await sql<(FigureRow & { indicatorId: number })[]>`
		select v.indicator_id, v.year, v.sex, v.age_band, v.disability, v.value::text as value
		from indicator_value v
		join indicator i on i.id = v.indicator_id
		join activity a on a.id = i.activity_id
		where a.local_plan_id = ${planId}
		order by v.year nulls first`;
	const lines = await sql<Omit<BudgetLine, 'genderAmount'>[]>`
		select b.id, b.activity_id, b.year, b.amount::text as amount, b.source, b.donor_name, b.classification_code, b.marker,
			b.gender_share::text as gender_share, b.justification, b.beneficiaries_women, b.beneficiaries_men, b.beneficiaries_girls,
			b.beneficiaries_boys, b.row_version
		from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${planId} order by b.year, b.id`;

	const rowsOf = new Map<number, FigureRow[]>();
	for (const f of figures) {
		if (!rowsOf.has(f.indicatorId)) rowsOf.set(f.indicatorId, []);
		rowsOf.get(f.indicatorId)!.push(f);
	}
	const planTitles: PlanView['planTitles'] = {};
	const byActivity = <T extends { activityId: number }>(rows: T[], id: number) =>
		rows.filter((r) => r.activityId === id);
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
						planTitle: planTitles[a.planKey!],
						nationalText: a.nationalText!,
						nationalTextRu: a.nationalTextRu ?? '',
						pillars: (a.tags ?? [])
							.map((t) => PILLAR_TAG.exec(t)?.[1])
							.filter((x): x is string => !!x)
					}
				: null,
			indicators: byActivity(indicators, a.id).map((i) => ({
				...i,
				...periodsOf(i.kind, i.bySex, rowsOf.get(i.id) ?? [])
			})),
			budget: byActivity(lines, a.id).map((l) => ({
				...l,
				genderAmount: shareOf(l.amount, l.genderShare)
			}))
		};
	});
	const plan: LocalPlan = {
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
	const view: Section[] = sections.map((s) => ({
		...s,
		activities: built.filter((a) => a.sectionId === s.id)
	}));
	return { plan, sections: view, summary: summarise(plan, built), planTitles };
}

/**
 * The gender budget figures of a plan, per year and in total: amounts by source, the gender-targeted
 * amount (marker 2 all, marker 1 the stated share, marker 0 none) and its share, the unfunded gap,
 * amounts by the national plan each activity comes from and by WPS pillar. Exact to the tyiyn.
 */
export function summarise(
	plan: Pick<LocalPlan, 'periodStart' | 'periodEnd' | 'envelopes'>,
	activities: Activity[]
): Summary {
	const years: number[] = [];
	for (let y = plan.periodStart; y <= plan.periodEnd; y++) years.push(y);
	const zero = () => Object.fromEntries(FUNDING.map((f) => [f, '0.00'])) as Amounts;
	const empty = (year: number | 'total'): YearSummary => ({
		year,
		total: '0.00',
		bySource: zero(),
		genderAmount: '0.00',
		genderShare: '0.0',
		unfunded: '0.00',
		envelope:
			year === 'total' ? null : (plan.envelopes.find((e) => e.year === year)?.amount ?? null),
		overEnvelope: false,
		byPlan: {},
		byPillar: {}
	});
	const perYear = new Map<number | 'total', YearSummary>([
		...years.map((y) => [y, empty(y)] as const),
		['total', empty('total')]
	]);
	const add = (bucket: Amounts, key: string, amount: string) =>
		(bucket[key] = addMoney(bucket[key] ?? '0.00', amount));
	const activitiesByPlan: Record<string, number> = {};
	for (const a of activities) {
		const planKey = a.provenance?.planKey ?? 'local';
		activitiesByPlan[planKey] = (activitiesByPlan[planKey] ?? 0) + 1;
		for (const l of a.budget) {
			const gender = shareOf(l.amount, l.genderShare);
			for (const s of [perYear.get(l.year), perYear.get('total')]) {
				if (!s) continue;
				s.total = addMoney(s.total, l.amount);
				add(s.bySource, l.source, l.amount);
				s.genderAmount = addMoney(s.genderAmount, gender);
				if (l.source === 'unfunded') s.unfunded = addMoney(s.unfunded, l.amount);
				add(s.byPlan, planKey, l.amount);
				for (const pillar of a.provenance?.pillars ?? []) add(s.byPillar, pillar, l.amount);
			}
		}
	}
	for (const s of perYear.values()) {
		s.genderShare = percentOf(s.genderAmount, s.total);
		if (s.year !== 'total' && s.envelope !== null)
			s.overEnvelope = toTyiyn(s.bySource.local_budget) > toTyiyn(s.envelope);
	}
	const total = perYear.get('total')!;
	const envelopeTotal = plan.envelopes.length
		? fromTyiyn(plan.envelopes.reduce((x, e) => x + toTyiyn(e.amount), 0n))
		: null;
	total.envelope = envelopeTotal;
	total.overEnvelope = years.some((y) => perYear.get(y)!.overEnvelope);
	return {
		years: years.map((y) => perYear.get(y)!),
		total,
		activitiesByPlan,
		activities: activities.length
	};
}
