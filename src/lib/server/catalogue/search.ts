import type { Sql } from '../db';
import type { Locale } from '../../format';
import {
	MARK_START,
	MARK_STOP,
	segmentsFrom,
	type MatchField,
	type MatchedIn,
	type Segment
} from '../../catalogue/highlight';
import { asMeasureNumber, queryWords, synonymsOf } from './fold';
import type { Texts } from './plan-file';

export interface SearchFilters {
	q?: string;
	/** one measure (node id) only */
	node?: number | null;
	/** plan id (current version) */
	plan?: number | null;
	/** only these plans (current versions), e.g. the plans in force for a local plan's period */
	plans?: number[] | null;
	/** goal node id */
	goal?: number | null;
	pillar?: string | null;
	tag?: string | null;
	body?: string | null;
	/** local self-government takes part */
	lsg?: boolean;
	/** local budget among the funding sources */
	localBudget?: boolean;
	/** the page language: when given, each hit says where the words were found, highlighted */
	lang?: Locale;
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
	/** the measure text in the page language with the found words marked (only with `lang` and words) */
	marked: Segment[] | null;
	/** where the words were found when that text does not hold them */
	matchedIn: MatchedIn | null;
}

export const PILLARS = ['prevention', 'participation', 'protection', 'relief_recovery'] as const;
const MAX_LIMIT = 200;
/** How close a catalogue word must be to a mistyped query word (pg_trgm similarity) to stand in for it. */
const TYPO_SIMILARITY = 0.4;
const HEADLINE = `HighlightAll=true, StartSel=${MARK_START}, StopSel=${MARK_STOP}`;

const lexeme = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The text query for the words typed: each word matches by its Russian stem, as the beginning of a
 * written word (Kyrgyz, abbreviations, half-typed words) or by a synonym; a word the catalogue does
 * not hold at all stands for the catalogue words closest to it and their stems (a typo). All words must match.
 * Russian stop words ("по", "и") are left out. Null when no word is left.
 */
async function textQuery(sql: Sql, words: string[]): Promise<string | null> {
	if (words.length === 0) return null;
	const extras = words.map((w) =>
		synonymsOf(w)
			.map((s) => ` | ${lexeme(s)}:*`)
			.join('')
	);
	// found: the word has a synonym, or some catalogue word begins with it or its stem (a stem is the head of its words)
	const rows = await sql<{ alt: string; found: boolean; near: string[] }[]>`
		with w as (
			select t.i, t.word, t.extra,
				tsvector_to_array(to_tsvector('russian'::regconfig, t.word)) as stems
			from unnest(${words}::text[], ${extras}::text[]) with ordinality as t(word, extra, i)
		), b as (
			select w.i, w.word,
				(array_to_string(array(select quote_literal(s) from unnest(w.stems) s), ' | ')
					|| ' | ' || quote_literal(w.word) || ':*' || w.extra)::tsquery as alt,
				w.extra <> '' or exists (
					select 1
					from catalogue_word cw
					where cw.word like w.word || '%'
						or cw.word like any (array(select s || '%' from unnest(w.stems) s))
				) as found
			from w
			where cardinality(w.stems) > 0
		)
		select b.alt::text as alt, b.found,
			case when b.found or length(b.word) < 4 then '{}'::text[] else array(
				select distinct x
				from (
					select cw.word
					from catalogue_word cw
					where cw.word % b.word
						and similarity(cw.word, b.word) >= ${TYPO_SIMILARITY}
					order by similarity(cw.word, b.word) desc, cw.word
					limit 4
				) close,
					unnest(array[close.word] || tsvector_to_array(to_tsvector('russian'::regconfig, close.word))) x
			) end as near
		from b
		order by b.i`;
	if (rows.length === 0) return null;
	return rows
		.map((r) =>
			r.found || r.near.length === 0
				? `(${r.alt})`
				: `(${r.alt} | ${r.near.map(lexeme).join(' | ')})`
		)
		.join(' & ');
}

type Row = {
	id: number;
	stableId: string;
	number: string;
	titleKy: string;
	titleRu: string | null;
	titleEn: string | null;
	planId: number;
	planKey: string;
	planTitleKy: string;
	planTitleRu: string | null;
	planTitleEn: string | null;
	planStatus: string;
	goalNumber: string;
	goalTitleKy: string;
	goalTitleRu: string | null;
	goalTitleEn: string | null;
	level: string;
	tags: string[];
	deadlineRaw: string;
	bodies: string[];
	rank: number;
	total: number;
	shownRu: boolean;
	markRu: string | null;
	markSimple: string | null;
	whyField: MatchField | null;
	whyText: string | null;
	whyRu: string | null;
	whySimple: string | null;
};

/**
 * Finds measures of the current plan versions by words (Kyrgyz or Russian, word forms, prefixes,
 * look-alike letters folded, typos), by printed number, by body abbreviation, and by the filters;
 * best matches first: a word in the measure text counts more than one in its indicators, and those
 * more than one in the bodies or in the titles of its task, goal and chapter.
 */
export async function search(
	sql: Sql,
	filters: SearchFilters
): Promise<{ total: number; hits: SearchHit[] }> {
	const number = asMeasureNumber(filters.q ?? '');
	const tsquery = await textQuery(sql, queryWords(filters.q ?? ''));
	const limit = Math.min(Math.max(filters.limit ?? 50, 1), MAX_LIMIT);
	const offset = Math.max(filters.offset ?? 0, 0);
	const q = sql`${tsquery ?? ''}::tsquery`;
	const words = tsquery ? sql`d.search @@ ${q}` : null;
	const match = number
		? sql`(n.number = ${number} or n.number like ${number + '.%'} ${words ? sql`or ${words}` : sql``})`
		: (words ?? sql`true`);
	const rank = number
		? sql`case when n.number = ${number} then 2 when n.number like ${number + '.%'} then 1 else 0 end`
		: tsquery
			? sql`ts_rank(d.search, ${q})`
			: sql`0`;
	const lang = filters.lang ?? null;
	const highlight = !!(lang && tsquery);
	const plans = filters.plans ? filters.plans.filter((id) => Number.isInteger(id)) : null;
	const rows = await sql<Row[]>`
		select n.id, n.stable_id, n.number, n.title_ky, n.title_ru, n.title_en, p.id as plan_id, p.key as plan_key,
			v.title_ky as plan_title_ky, v.title_ru as plan_title_ru, v.title_en as plan_title_en, v.status as plan_status,
			g.number as goal_number, g.title_ky as goal_title_ky, g.title_ru as goal_title_ru, g.title_en as goal_title_en,
			d.level, d.tags, d.deadline_raw, h.rank, h.total, s.shown_ru, s.bodies,
			${highlight ? sql`ts_headline('russian'::regconfig, sf.f, ${q}, ${HEADLINE})` : sql`null`} as mark_ru,
			${highlight ? sql`ts_headline('simple'::regconfig, sf.f, ${q}, ${HEADLINE})` : sql`null`} as mark_simple,
			why.field as why_field,
			why.txt as why_text,
			${highlight ? sql`ts_headline('russian'::regconfig, why.f, ${q}, ${HEADLINE})` : sql`null`} as why_ru,
			${highlight ? sql`ts_headline('simple'::regconfig, why.f, ${q}, ${HEADLINE})` : sql`null`} as why_simple
		from (
			-- the page of hits, sorted on narrow rows; their texts are joined afterwards
			select m.*, count(*) over ()::int as total
			from (
				select n.id, v.period_start, p.key as plan_key,
					array(select x::int from unnest(string_to_array(n.number, '.')) x where x ~ '^[0-9]{1,6}$') as number_parts,
					${rank}::float4 as rank
				from measure_detail d
				join plan_node n on n.id = d.node_id
				join plan_node t on t.id = n.parent_id
				join catalogue_version v on v.id = d.version_id and v.is_current
				join national_plan p on p.id = v.plan_id
				where ${match}
					${filters.node ? sql`and n.id = ${filters.node}` : sql``}
					${filters.plan ? sql`and p.id = ${filters.plan}` : sql``}
					${plans ? sql`and p.id = any(${plans}::bigint[])` : sql``}
					${filters.goal ? sql`and t.parent_id = ${filters.goal}` : sql``}
					${filters.pillar ? sql`and d.tags @> ${sql.array(['pillar:' + filters.pillar])}` : sql``}
					${filters.tag ? sql`and d.tags @> ${sql.array([filters.tag])}` : sql``}
					${filters.body ? sql`and exists (select 1 from measure_body mb where mb.node_id = n.id and mb.body_code = ${filters.body})` : sql``}
					${filters.lsg ? sql`and (d.level = 'local' or exists (select 1 from measure_body mb join body b on b.code = mb.body_code where mb.node_id = n.id and b.kind in ('lsg', 'lsa')))` : sql``}
					${filters.localBudget ? sql`and exists (select 1 from measure_funding mf where mf.node_id = n.id and mf.source_code = 'local_budget')` : sql``}
			) m
			order by m.rank desc, m.period_start desc, m.plan_key, m.number_parts, m.id
			limit ${limit} offset ${offset}
		) h
		join measure_detail d on d.node_id = h.id
		join plan_node n on n.id = h.id
		join plan_node t on t.id = n.parent_id
		join plan_node g on g.id = t.parent_id
		join plan_node ch on ch.id = g.parent_id
		join catalogue_version v on v.id = d.version_id
		join national_plan p on p.id = v.plan_id
		cross join lateral (
			select (${lang} <> 'ky' and n.title_ru is not null) as shown_ru,
				coalesce((
					select array_agg(coalesce(b.abbr, b.code) order by mb.position)
					from measure_body mb
					join body b on b.code = mb.body_code
					where mb.node_id = n.id
				), '{}') as bodies
		) s
		cross join lateral (
			select ${highlight ? sql`catalogue_fold(case when s.shown_ru then n.title_ru else n.title_ky end)` : sql`null::text`} as f
		) sf
		left join lateral (
			select cand.field, cand.txt, cf.f
			from (
				select 1 as pos, 'text' as field, case when s.shown_ru then n.title_ky else n.title_ru end as txt, 0 as other
				union all
				select 2, 'indicator', i.value ->> l.lang, l.other
				from jsonb_array_elements(d.indicators) i, ${langs(sql, lang)}
				union all
				select 3, 'expected', d.expected_result ->> l.lang, l.other from ${langs(sql, lang)}
				union all
				select 4, 'baseline', d.baseline ->> l.lang, l.other from ${langs(sql, lang)}
				union all
				select 5, 'bodies', d.bodies_raw, 0
				union all
				select 6, 'task', case l.lang when 'ky' then t.title_ky else t.title_ru end, l.other from ${langs(sql, lang)}
				union all
				select 7, 'goal', case l.lang when 'ky' then g.title_ky else g.title_ru end, l.other from ${langs(sql, lang)}
				union all
				select 8, 'chapter', case l.lang when 'ky' then ch.title_ky else ch.title_ru end, l.other from ${langs(sql, lang)}
			) cand
			cross join lateral (select catalogue_fold(cand.txt) as f) cf
			where cand.txt <> ''
				and catalogue_vector(cf.f) @@ ${q}
			order by cand.pos, cand.other
			limit 1
		) why on ${highlight ? sql`not (catalogue_vector(sf.f) @@ ${q})` : sql`false`}
		order by h.rank desc, h.period_start desc, h.plan_key, h.number_parts, h.id`;
	const t = (ky: string, ru: string | null, en: string | null): Texts => ({
		ky,
		...(ru ? { ru } : {}),
		...(en ? { en } : {})
	});
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
			rank: r.rank,
			marked: highlight
				? segmentsFrom(r.shownRu ? r.titleRu! : r.titleKy, r.markRu, r.markSimple)
				: null,
			matchedIn:
				r.whyField && r.whyText
					? { field: r.whyField, segments: segmentsFrom(r.whyText, r.whyRu, r.whySimple) }
					: null
		}))
	};
}

/** The two content languages, the page's own first (English pages read the Russian texts). */
const langs = (sql: Sql, lang: Locale | null) =>
	sql`(values ('ky', ${lang === 'ky' ? 0 : 1}::int), ('ru', ${lang === 'ky' ? 1 : 0}::int)) l(lang, other)`;

/** What the filter controls offer: plans with their goals, bodies in use, tags in use. */
export async function filterOptions(sql: Sql): Promise<{
	goals: { id: number; planId: number; number: string; title: Texts }[];
	bodies: {
		code: string;
		abbr: string | null;
		nameKy: string;
		nameRu: string | null;
		nameEn: string | null;
		measures: number;
	}[];
	tags: { tag: string; measures: number }[];
}> {
	const goals = await sql<
		{
			id: number;
			planId: number;
			number: string;
			titleKy: string;
			titleRu: string | null;
			titleEn: string | null;
		}[]
	>`
		select g.id, v.plan_id, g.number, g.title_ky, g.title_ru, g.title_en
		from plan_node g join catalogue_version v on v.id = g.version_id and v.is_current
		where g.level = 'goal' order by v.plan_id, g.id`;
	const bodies = await sql<
		{
			code: string;
			abbr: string | null;
			nameKy: string;
			nameRu: string | null;
			nameEn: string | null;
			measures: number;
		}[]
	>`
		select b.code, b.abbr, b.name_ky, b.name_ru, b.name_en, count(*)::int as measures
		from measure_body mb join body b on b.code = mb.body_code
		join plan_node n on n.id = mb.node_id join catalogue_version v on v.id = n.version_id and v.is_current
		group by b.code order by count(*) desc, b.code`;
	const tags = await sql<{ tag: string; measures: number }[]>`
		select tag, count(*)::int as measures from measure_detail d join catalogue_version v on v.id = d.version_id and v.is_current,
		unnest(d.tags) tag where tag not like 'pillar:%' group by tag order by tag`;
	return {
		goals: goals.map((g) => ({
			id: g.id,
			planId: g.planId,
			number: g.number,
			title: {
				ky: g.titleKy,
				...(g.titleRu ? { ru: g.titleRu } : {}),
				...(g.titleEn ? { en: g.titleEn } : {})
			}
		})),
		bodies,
		tags
	};
}
