import type { Sql } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { can } from './permissions';
import { safeUrl } from '../../url';
import {
	PLAN_FILE_FORMAT,
	normalizePlanFile,
	type BodyFile,
	type ChapterFile,
	type FundingSourceFile,
	type LevelCounts,
	type MeasureFile,
	type PlanFile,
	type PlanKind,
	type PlanStatus,
	type Texts
} from './plan-file';

export interface PlanSummary {
	id: number;
	key: string;
	kind: PlanKind;
	versionId: number;
	version: number;
	title: Texts;
	periodStart: number;
	periodEnd: number;
	status: PlanStatus;
	complete: boolean;
	act: { type: string | null; number: string | null; date: string | null; url: string | null };
	note: Texts | null;
	counts: LevelCounts;
}

const texts = (ky: string | null, ru: string | null, en: string | null): Texts => ({
	ky: ky ?? '',
	...(ru ? { ru } : {}),
	...(en ? { en } : {})
});

type VersionRow = {
	id: number;
	key: string;
	kind: PlanKind;
	versionId: number;
	version: number;
	titleKy: string;
	titleRu: string | null;
	titleEn: string | null;
	periodStart: number;
	periodEnd: number;
	status: PlanStatus;
	complete: boolean;
	actType: string | null;
	actNumber: string | null;
	actDate: string | null;
	actUrl: string | null;
	actTitle: Texts | null;
	note: Texts | null;
	replacesKey: string | null;
	sourceFile: string | null;
	chapters: number;
	goals: number;
	tasks: number;
	measures: number;
};

async function versions(
	sql: Sql,
	where: { planId?: number; versionId?: number }
): Promise<VersionRow[]> {
	return sql<VersionRow[]>`
		select p.id, p.key, p.kind, v.id as version_id, v.number as version, v.title_ky, v.title_ru, v.title_en,
			v.period_start, v.period_end, v.status, v.complete, v.act_type, v.act_number, to_char(v.act_date, 'YYYY-MM-DD') as act_date,
			v.act_url, v.act_title, v.note, v.replaces_key, v.source_file,
			count(n.id) filter (where n.level = 'chapter')::int as chapters,
			count(n.id) filter (where n.level = 'goal')::int as goals,
			count(n.id) filter (where n.level = 'task')::int as tasks,
			count(n.id) filter (where n.level = 'measure')::int as measures
		from national_plan p
		join catalogue_version v on v.plan_id = p.id
		left join plan_node n on n.version_id = v.id
		where ${where.versionId ? sql`v.id = ${where.versionId}` : where.planId ? sql`p.id = ${where.planId} and v.is_current` : sql`v.is_current`}
		group by p.id, v.id
		order by v.period_start desc, p.kind, p.key`;
}

const summary = (r: VersionRow): PlanSummary => ({
	id: r.id,
	key: r.key,
	kind: r.kind,
	versionId: r.versionId,
	version: r.version,
	title: texts(r.titleKy, r.titleRu, r.titleEn),
	periodStart: r.periodStart,
	periodEnd: r.periodEnd,
	status: r.status,
	complete: r.complete,
	act: { type: r.actType, number: r.actNumber, date: r.actDate, url: safeUrl(r.actUrl) },
	note: r.note,
	counts: { chapters: r.chapters, goals: r.goals, tasks: r.tasks, measures: r.measures }
});

/** Every plan in its current version, with counts per level. */
export async function listPlans(sql: Sql): Promise<PlanSummary[]> {
	return (await versions(sql, {})).map(summary);
}

/** A national plan's id from its numeric id or its key (`"gender-2030"`); null when neither names one. */
export async function planIdOf(sql: Sql, idOrKey: string): Promise<number | null> {
	if (/^\d{1,12}$/.test(idOrKey)) return Number(idOrKey);
	// no key is that long or holds control characters (PostgreSQL refuses a NUL in text)
	// eslint-disable-next-line no-control-regex -- control characters are what this refuses
	if (idOrKey.length > 100 || /[\u0000-\u001F]/.test(idOrKey)) return null;
	const [row] = await sql<{ id: number }[]>`
		select id
		from national_plan
		where key = ${idOrKey}`;
	return row?.id ?? null;
}

/** One plan's current version (or a given version of it). */
export async function getPlan(
	sql: Sql,
	planId: number,
	options: { versionNumber?: number } = {}
): Promise<PlanSummary> {
	let rows: VersionRow[];
	if (options.versionNumber) {
		const [v] = await sql<
			{ id: number }[]
		>`select id from catalogue_version where plan_id = ${planId} and number = ${options.versionNumber}`;
		rows = v ? await versions(sql, { versionId: v.id }) : [];
	} else rows = await versions(sql, { planId });
	if (!rows[0]) throw new DomainError('error_not_found', 404);
	return summary(rows[0]);
}

export async function planVersions(
	sql: Sql,
	planId: number
): Promise<{ number: number; isCurrent: boolean; createdAt: Date; status: PlanStatus }[]> {
	return sql`select number, is_current, created_at, status from catalogue_version where plan_id = ${planId} order by number desc`;
}

type NodeRow = {
	id: number;
	stableId: string;
	parentId: number | null;
	level: 'chapter' | 'goal' | 'task' | 'measure';
	number: string;
	titleKy: string;
	titleRu: string | null;
	titleEn: string | null;
	ruUnofficial: boolean;
	kyUnofficial: boolean;
};

type DetailRow = {
	nodeId: number;
	baseline: Texts;
	indicators: Texts[];
	expectedResult: Texts;
	deadlineRaw: string;
	deadlineKind: MeasureFile['deadline']['kind'];
	deadlineFrom: number | null;
	deadlineTo: number | null;
	deadlineHalf: number | null;
	deadlineQuarter: number | null;
	deadlineEvery: MeasureFile['deadline']['every'];
	deadlineCheckpoints: string[];
	bodiesRaw: string;
	fundingRaw: string;
	level: MeasureFile['level'];
	tags: string[];
	uncertain: boolean;
	uncertainNote: string | null;
	duplicateOf: string | null;
	duplicateNote: string | null;
	sourceFile: string | null;
	sourceLine: number | null;
	bodies: { code: string; role: MeasureFile['bodies'][number]['role'] }[];
	funding: string[];
};

/** Rebuilds a version as a plan file: what the read API serves and what exports write. Node database ids are kept beside. */
export async function planFile(
	sql: Sql,
	versionId: number
): Promise<{ file: PlanFile; nodeIds: Map<string, number> }> {
	const [v] = await versions(sql, { versionId });
	if (!v) throw new DomainError('error_not_found', 404);
	const nodes = await sql<NodeRow[]>`
		select id, stable_id, parent_id, level, number, title_ky, title_ru, title_en, ru_unofficial, ky_unofficial
		from plan_node where version_id = ${versionId} order by level, parent_id nulls first, position`;
	const details = await sql<DetailRow[]>`
		select d.*,
			coalesce((select json_agg(json_build_object('code', b.body_code, 'role', b.role) order by b.position) from measure_body b where b.node_id = d.node_id), '[]') as bodies,
			coalesce((select array_agg(f.source_code order by f.position) from measure_funding f where f.node_id = d.node_id), '{}') as funding
		from measure_detail d where d.version_id = ${versionId}`;
	const detailOf = new Map(details.map((d) => [d.nodeId, d]));
	const children = new Map<number | null, NodeRow[]>();
	for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
	const kids = (id: number | null) => children.get(id) ?? [];
	const title = (n: NodeRow) => texts(n.titleKy, n.titleRu, n.titleEn);
	const measure = (n: NodeRow): MeasureFile => {
		const d = detailOf.get(n.id)!;
		return {
			id: n.stableId,
			number: n.number,
			text: {
				ky: n.titleKy,
				...(n.titleRu ? { ru: n.titleRu } : {}),
				ruUnofficial: n.ruUnofficial,
				kyUnofficial: n.kyUnofficial
			},
			baseline: d.baseline,
			indicators: d.indicators,
			deadline: {
				raw: d.deadlineRaw,
				kind: d.deadlineKind,
				from: d.deadlineFrom,
				to: d.deadlineTo,
				half: d.deadlineHalf,
				quarter: d.deadlineQuarter,
				every: d.deadlineEvery,
				checkpoints: d.deadlineCheckpoints
			},
			expectedResult: d.expectedResult,
			bodies: d.bodies,
			bodiesRaw: d.bodiesRaw,
			funding: d.funding,
			fundingRaw: d.fundingRaw,
			level: d.level,
			tags: d.tags,
			uncertain: d.uncertain,
			uncertainNote: d.uncertainNote,
			duplicateOf: d.duplicateOf,
			duplicateNote: d.duplicateNote,
			source: { file: d.sourceFile, line: d.sourceLine }
		};
	};
	const chapters: ChapterFile[] = kids(null).map((c) => ({
		id: c.stableId,
		number: c.number,
		title: title(c),
		goals: kids(c.id).map((g) => ({
			id: g.stableId,
			number: g.number,
			title: title(g),
			tasks: kids(g.id).map((t) => ({
				id: t.stableId,
				number: t.number,
				title: title(t),
				measures: kids(t.id).map(measure)
			}))
		}))
	}));
	const used = details.flatMap((d) => d.bodies.map((b) => b.code));
	const bodies = await sql<
		{
			code: string;
			abbr: string | null;
			variants: string[];
			nameKy: string;
			nameRu: string | null;
			nameEn: string | null;
			kind: BodyFile['kind'];
			level: BodyFile['level'];
		}[]
	>`
		select * from body where code in ${sql(used.length ? [...new Set(used)] : [''])} order by code`;
	const fundingUsed = [...new Set(details.flatMap((d) => d.funding))];
	const funding = await sql<
		{ code: string; nameKy: string; nameRu: string | null; nameEn: string | null }[]
	>`
		select * from funding_source where code in ${sql(fundingUsed.length ? fundingUsed : [''])} order by code`;
	const file: PlanFile = normalizePlanFile({
		format: PLAN_FILE_FORMAT,
		plan: {
			key: v.key,
			kind: v.kind,
			title: texts(v.titleKy, v.titleRu, v.titleEn),
			periodStart: v.periodStart,
			periodEnd: v.periodEnd,
			act:
				v.actType || v.actNumber
					? {
							type: v.actType ?? '',
							number: v.actNumber,
							date: v.actDate,
							url: v.actUrl,
							title: v.actTitle
						}
					: null,
			status: v.status,
			complete: v.complete,
			note: v.note,
			replaces: v.replacesKey,
			source: { file: v.sourceFile }
		},
		bodies: bodies.map((b): BodyFile => ({
			code: b.code,
			abbr: b.abbr,
			variants: b.variants,
			name: texts(b.nameKy, b.nameRu, b.nameEn),
			kind: b.kind,
			level: b.level
		})),
		fundingSources: funding.map((f): FundingSourceFile => ({
			code: f.code,
			name: texts(f.nameKy, f.nameRu, f.nameEn)
		})),
		chapters
	});
	return { file, nodeIds: new Map(nodes.map((n) => [n.stableId, n.id])) };
}

/** A measure as everyone reads it: without the fields of the catalogue's review. */
export type MeasureView = Omit<
	MeasureFile,
	'id' | 'source' | 'uncertainNote' | 'duplicateOf' | 'duplicateNote'
>;

export interface MeasurePage {
	id: number;
	number: string;
	plan: PlanSummary;
	isCurrentVersion: boolean;
	path: { id: number; level: string; number: string; title: Texts }[];
	measure: MeasureView;
	bodies: { code: string; abbr: string | null; name: Texts; kind: string; role: string }[];
	funding: { code: string; name: Texts }[];
	/** the measure this row repeats, by its printed number */
	duplicateOf: { id: number | null; number: string } | null;
	/** where the row comes from and the reviewers' notes: only for those who maintain the catalogue */
	review: {
		stableId: string;
		source: MeasureFile['source'];
		uncertainNote: string | null;
		duplicateOf: string | null;
		duplicateNote: string | null;
	} | null;
}

/** A measure with its place in the tree, its bodies and funding sources named. */
export async function measurePage(
	sql: Sql,
	actor: Actor | null,
	nodeId: number
): Promise<MeasurePage> {
	const [n] = await sql<
		{ versionId: number; planId: number; isCurrent: boolean; number: string; stableId: string }[]
	>`
		select n.version_id, v.plan_id, v.is_current, n.number, n.stable_id
		from plan_node n join catalogue_version v on v.id = n.version_id where n.id = ${nodeId} and n.level = 'measure'`;
	if (!n) throw new DomainError('error_not_found', 404);
	const [plan] = (await versions(sql, { versionId: n.versionId })).map(summary);
	if (!plan) throw new DomainError('error_not_found', 404);
	const path = await sql<
		{
			id: number;
			level: string;
			number: string;
			titleKy: string;
			titleRu: string | null;
			titleEn: string | null;
			depth: number;
		}[]
	>`
		with recursive up as (
			select id, parent_id, level, number, title_ky, title_ru, title_en, 0 as depth from plan_node where id = (select parent_id from plan_node where id = ${nodeId})
			union all
			select p.id, p.parent_id, p.level, p.number, p.title_ky, p.title_ru, p.title_en, up.depth + 1 from plan_node p join up on p.id = up.parent_id
		) select * from up order by depth desc`;
	const { file } = await planFile(sql, n.versionId);
	const {
		id: stableId,
		source,
		uncertainNote,
		duplicateOf,
		duplicateNote,
		...measure
	} = file.chapters
		.flatMap((c) => c.goals.flatMap((g) => g.tasks.flatMap((t) => t.measures)))
		.find((m) => m.id === n.stableId)!;
	const bodies = await sql<
		{
			code: string;
			abbr: string | null;
			nameKy: string;
			nameRu: string | null;
			nameEn: string | null;
			kind: string;
			role: string;
		}[]
	>`
		select b.code, b.abbr, b.name_ky, b.name_ru, b.name_en, b.kind, mb.role
		from measure_body mb join body b on b.code = mb.body_code where mb.node_id = ${nodeId} order by mb.position`;
	const funding = await sql<
		{ code: string; nameKy: string; nameRu: string | null; nameEn: string | null }[]
	>`
		select f.code, f.name_ky, f.name_ru, f.name_en from measure_funding mf join funding_source f on f.code = mf.source_code where mf.node_id = ${nodeId} order by mf.position`;
	const [dup] = duplicateOf
		? await sql<
				{ id: number; number: string }[]
			>`select id, number from plan_node where version_id = ${n.versionId} and stable_id = ${duplicateOf}`
		: [];
	return {
		id: nodeId,
		number: n.number,
		plan,
		isCurrentVersion: n.isCurrent,
		path: path.map((p) => ({
			id: p.id,
			level: p.level,
			number: p.number,
			title: texts(p.titleKy, p.titleRu, p.titleEn)
		})),
		measure,
		bodies: bodies.map((b) => ({
			code: b.code,
			abbr: b.abbr,
			name: texts(b.nameKy, b.nameRu, b.nameEn),
			kind: b.kind,
			role: b.role
		})),
		funding: funding.map((f) => ({ code: f.code, name: texts(f.nameKy, f.nameRu, f.nameEn) })),
		duplicateOf: duplicateOf ? { id: dup?.id ?? null, number: dup?.number ?? duplicateOf } : null,
		review: can(actor, 'review')
			? { stableId, source, uncertainNote, duplicateOf, duplicateNote }
			: null
	};
}
