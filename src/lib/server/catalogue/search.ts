import type { Sql } from '../db';
import { asMeasureNumber, queryWords } from './fold';
import type { Texts } from './plan-file';

export interface SearchFilters {
	q?: string;
	/** plan id (current version) */
	plan?: number | null;
	/** goal node id */
	goal?: number | null;
	pillar?: string | null;
	tag?: string | null;
	body?: string | null;
	/** local self-government takes part */
	lsg?: boolean;
	/** local budget among the funding sources */
	localBudget?: boolean;
	limit?: number;
	offset?: number;
}

export interface SearchHit {
	id: number;
	stableId: string;
	number: string;
	text: Texts;
	planId: number;
	planKey: string;
	planTitle: Texts;
	planStatus: string;
	goalNumber: string;
	goalTitle: Texts;
	level: string;
	tags: string[];
	deadlineRaw: string;
	bodies: string[];
	rank: number;
}

export const PILLARS = ['prevention', 'participation', 'protection', 'relief_recovery'] as const;
const MAX_LIMIT = 200;

/**
 * Finds measures of the current plan versions by words (Kyrgyz or Russian, prefix match, look-alike
 * letters folded), by printed number, by body abbreviation, and by the filters; best matches first.
 */
export async function search(sql: Sql, filters: SearchFilters): Promise<{ total: number; hits: SearchHit[] }> {
	const words = queryWords(filters.q ?? '');
	const number = asMeasureNumber(filters.q ?? '');
	const tsquery = words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
	const limit = Math.min(Math.max(filters.limit ?? 50, 1), MAX_LIMIT);
	const offset = Math.max(filters.offset ?? 0, 0);
	const match = number
		? sql`(n.number = ${number} or n.number like ${number + '.%'} ${tsquery ? sql`or d.search @@ to_tsquery('simple', ${tsquery})` : sql``})`
		: tsquery
			? sql`d.search @@ to_tsquery('simple', ${tsquery})`
			: sql`true`;
	const rank = number
		? sql`case when n.number = ${number} then 2 when n.number like ${number + '.%'} then 1 else 0 end`
		: tsquery
			? sql`ts_rank(d.search, to_tsquery('simple', ${tsquery}))`
			: sql`0`;
	const rows = await sql<(SearchHit & { total: number; titleKy: string; titleRu: string | null; titleEn: string | null; planTitleKy: string; planTitleRu: string | null; planTitleEn: string | null; goalTitleKy: string; goalTitleRu: string | null; goalTitleEn: string | null })[]>`
		select n.id, n.stable_id, n.number, n.title_ky, n.title_ru, n.title_en,
			p.id as plan_id, p.key as plan_key, v.title_ky as plan_title_ky, v.title_ru as plan_title_ru, v.title_en as plan_title_en, v.status as plan_status,
			g.number as goal_number, g.title_ky as goal_title_ky, g.title_ru as goal_title_ru, g.title_en as goal_title_en,
			d.level, d.tags, d.deadline_raw,
			coalesce((select array_agg(coalesce(b.abbr, b.code) order by mb.position) from measure_body mb join body b on b.code = mb.body_code where mb.node_id = n.id), '{}') as bodies,
			${rank}::float4 as rank,
			count(*) over ()::int as total
		from measure_detail d
		join plan_node n on n.id = d.node_id
		join plan_node t on t.id = n.parent_id
		join plan_node g on g.id = t.parent_id
		join catalogue_version v on v.id = d.version_id and v.is_current
		join national_plan p on p.id = v.plan_id
		where ${match}
			${filters.plan ? sql`and p.id = ${filters.plan}` : sql``}
			${filters.goal ? sql`and g.id = ${filters.goal}` : sql``}
			${filters.pillar ? sql`and d.tags @> ${sql.array(['pillar:' + filters.pillar])}` : sql``}
			${filters.tag ? sql`and d.tags @> ${sql.array([filters.tag])}` : sql``}
			${filters.body ? sql`and exists (select 1 from measure_body mb where mb.node_id = n.id and mb.body_code = ${filters.body})` : sql``}
			${filters.lsg ? sql`and (d.level = 'local' or exists (select 1 from measure_body mb join body b on b.code = mb.body_code where mb.node_id = n.id and b.kind in ('lsg', 'lsa')))` : sql``}
			${filters.localBudget ? sql`and exists (select 1 from measure_funding mf where mf.node_id = n.id and mf.source_code = 'local_budget')` : sql``}
		order by rank desc, v.period_start desc, p.key, array(select x::int from unnest(string_to_array(n.number, '.')) x where x ~ '^[0-9]{1,6}$'), n.id
		limit ${limit} offset ${offset}`;
	const t = (ky: string, ru: string | null, en: string | null): Texts => ({ ky, ...(ru ? { ru } : {}), ...(en ? { en } : {}) });
	return {
		total: rows[0]?.total ?? 0,
		hits: rows.map((r) => ({
			id: r.id,
			stableId: r.stableId,
			number: r.number,
			text: t(r.titleKy, r.titleRu, r.titleEn),
			planId: r.planId,
			planKey: r.planKey,
			planTitle: t(r.planTitleKy, r.planTitleRu, r.planTitleEn),
			planStatus: r.planStatus,
			goalNumber: r.goalNumber,
			goalTitle: t(r.goalTitleKy, r.goalTitleRu, r.goalTitleEn),
			level: r.level,
			tags: r.tags,
			deadlineRaw: r.deadlineRaw,
			bodies: r.bodies,
			rank: r.rank
		}))
	};
}

/** What the filter controls offer: plans with their goals, bodies in use, tags in use. */
export async function filterOptions(sql: Sql): Promise<{
	goals: { id: number; planId: number; number: string; title: Texts }[];
	bodies: { code: string; abbr: string | null; nameKy: string; nameRu: string | null; nameEn: string | null; measures: number }[];
	tags: { tag: string; measures: number }[];
}> {
	const goals = await sql<{ id: number; planId: number; number: string; titleKy: string; titleRu: string | null; titleEn: string | null }[]>`
		select g.id, v.plan_id, g.number, g.title_ky, g.title_ru, g.title_en
		from plan_node g join catalogue_version v on v.id = g.version_id and v.is_current
		where g.level = 'goal' order by v.plan_id, g.id`;
	const bodies = await sql<{ code: string; abbr: string | null; nameKy: string; nameRu: string | null; nameEn: string | null; measures: number }[]>`
		select b.code, b.abbr, b.name_ky, b.name_ru, b.name_en, count(*)::int as measures
		from measure_body mb join body b on b.code = mb.body_code
		join plan_node n on n.id = mb.node_id join catalogue_version v on v.id = n.version_id and v.is_current
		group by b.code order by count(*) desc, b.code`;
	const tags = await sql<{ tag: string; measures: number }[]>`
		select tag, count(*)::int as measures from measure_detail d join catalogue_version v on v.id = d.version_id and v.is_current,
		unnest(d.tags) tag where tag not like 'pillar:%' group by tag order by tag`;
	return {
		goals: goals.map((g) => ({ id: g.id, planId: g.planId, number: g.number, title: { ky: g.titleKy, ...(g.titleRu ? { ru: g.titleRu } : {}), ...(g.titleEn ? { en: g.titleEn } : {}) } })),
		bodies,
		tags
	};
}
