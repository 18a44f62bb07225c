import { contentHash } from '../content-hash';
import type { Sql } from '../db';
import { transaction } from '../db';
import { DomainError } from '../errors';
import {
	countLevels,
	measuresOf,
	normalizePlanFile,
	type LevelCounts,
	type PlanFile,
	type Texts
} from './plan-file';

export interface LoadResult {
	planId: number;
	versionId: number;
	versionNumber: number;
	/** false when the same content was already the current version (nothing written). */
	created: boolean;
	counts: LevelCounts;
}

/** A stable hash of what a version holds (in its normal form), so loading the same plan twice writes nothing. */
export function planFileHash(file: PlanFile): string {
	const normal = normalizePlanFile(file);
	return contentHash({ plan: normal.plan, chapters: normal.chapters });
}

const texts = (t: Texts | null | undefined) => ({
	ky: t?.ky ?? '',
	...(t?.ru ? { ru: t.ru } : {}),
	...(t?.en ? { en: t.en } : {})
});

/**
 * Loads a plan file into the catalogue as a new version of its plan (the plan is created on first
 * load). Versions are never changed afterwards: a different content makes the next version current,
 * and the versions local plans adopted stay as they were. The same content again writes nothing.
 */
export async function loadPlanFile(
	sql: Sql,
	file: PlanFile,
	options: {
		userId?: number | null;
		onProgress?: (done: number, total: number) => Promise<void>;
	} = {}
): Promise<LoadResult> {
	file = normalizePlanFile(file);
	const counts = countLevels(file);
	const hash = planFileHash(file);
	return transaction(sql, async (tx) => {
		// one load of a plan at a time, so two imports of the same plan cannot both become version N
		await tx`select pg_advisory_xact_lock(hashtext('catalogue:' || ${file.plan.key}))`;
		await upsertRegistries(tx, file);
		const [existing] = await tx<
			{ id: number; kind: string }[]
		>`select id, kind from national_plan where key = ${file.plan.key}`;
		let planId: number;
		if (existing) {
			planId = existing.id;
			const [current] = await tx<{ id: number; number: number; contentHash: string }[]>`
				select id, number, content_hash from catalogue_version where plan_id = ${planId} and is_current`;
			if (current?.contentHash === hash) {
				return {
					planId,
					versionId: current.id,
					versionNumber: current.number,
					created: false,
					counts
				};
			}
			if (existing.kind !== file.plan.kind)
				throw new DomainError('import_kind_changed', 400, { value: file.plan.kind });
			await tx`update catalogue_version set is_current = false where plan_id = ${planId} and is_current`;
		} else {
			planId = (
				await tx<
					{ id: number }[]
				>`insert into national_plan (key, kind) values (${file.plan.key}, ${file.plan.kind}) returning id`
			)[0]!.id;
		}
		const p = file.plan;
		const version = (
			await tx<{ id: number; number: number }[]>`
			insert into catalogue_version (plan_id, number, title_ky, title_ru, title_en, period_start, period_end,
				act_type, act_number, act_date, act_url, act_title, status, complete, note, replaces_key, source_file, content_hash, created_by)
			values (${planId}, (select coalesce(max(number), 0) + 1 from catalogue_version where plan_id = ${planId}),
				${p.title.ky}, ${p.title.ru ?? null}, ${p.title.en ?? null}, ${p.periodStart}, ${p.periodEnd},
				${p.act?.type ?? null}, ${p.act?.number ?? null}, ${p.act?.date ?? null}, ${p.act?.url ?? null},
				${p.act?.title ? tx.json(p.act.title as never) : null}, ${p.status}, ${p.complete}, ${p.note ? tx.json(p.note as never) : null},
				${p.replaces ?? null}, ${p.source?.file ?? null}, ${hash}, ${options.userId ?? null})
			returning id, number`
		)[0]!;
		await insertTree(tx, version.id, file, options.onProgress);
		// the search columns: texts, bodies and the titles above each measure, folded (migration 0014)
		await tx`select catalogue_index_version(${version.id})`;
		return { planId, versionId: version.id, versionNumber: version.number, created: true, counts };
	});
}

async function upsertRegistries(tx: Sql, file: PlanFile): Promise<void> {
	for (const b of file.bodies) {
		// the first description of a body wins; later files only add spellings
		await tx`
			insert into body (code, abbr, variants, name_ky, name_ru, name_en, kind, level)
			values (${b.code}, ${b.abbr ?? null}, ${b.variants ?? []}, ${b.name.ky}, ${b.name.ru ?? null}, ${b.name.en ?? null}, ${b.kind}, ${b.level})
			on conflict (code) do update set
				variants = (select array_agg(distinct v) from unnest(body.variants || excluded.variants) v)`;
	}
	for (const f of file.fundingSources) {
		await tx`
			insert into funding_source (code, name_ky, name_ru, name_en)
			values (${f.code}, ${f.name.ky}, ${f.name.ru ?? null}, ${f.name.en ?? null})
			on conflict (code) do nothing`;
	}
	const used = measuresOf(file).map((x) => x.measure);
	const bodyCodes = [...new Set(used.flatMap((m) => m.bodies.map((b) => b.code)))];
	const fundingCodes = [...new Set(used.flatMap((m) => m.funding))];
	const known = await tx<
		{ code: string }[]
	>`select code from body where code in ${tx(bodyCodes.length ? bodyCodes : [''])}`;
	const unknownBody = bodyCodes.find((c) => !known.some((k) => k.code === c));
	if (unknownBody) throw new DomainError('import_unknown_body', 400, { value: unknownBody });
	const knownF = await tx<
		{ code: string }[]
	>`select code from funding_source where code in ${tx(fundingCodes.length ? fundingCodes : [''])}`;
	const unknownF = fundingCodes.find((c) => !knownF.some((k) => k.code === c));
	if (unknownF) throw new DomainError('import_unknown_funding', 400, { value: unknownF });
}

type NodeRow = {
	version_id: number;
	stable_id: string;
	parent_id: number | null;
	level: string;
	number: string;
	position: number;
	title_ky: string;
	title_ru: string | null;
	title_en: string | null;
	ru_unofficial: boolean;
	ky_unofficial: boolean;
};

const CHUNK = 200;

async function insertNodes(tx: Sql, rows: NodeRow[]): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	for (let i = 0; i < rows.length; i += CHUNK) {
		const chunk = rows.slice(i, i + CHUNK);
		const inserted = await tx<
			{ id: number; stableId: string }[]
		>`insert into plan_node ${tx(chunk as never[])} returning id, stable_id`;
		for (const r of inserted) ids.set(r.stableId, r.id);
	}
	return ids;
}

async function insertTree(
	tx: Sql,
	versionId: number,
	file: PlanFile,
	onProgress?: (done: number, total: number) => Promise<void>
): Promise<void> {
	const node = (
		stableId: string,
		parentId: number | null,
		level: string,
		number: string,
		position: number,
		title: Texts | null,
		flags: { ru?: boolean; ky?: boolean } = {}
	): NodeRow => ({
		version_id: versionId,
		stable_id: stableId,
		parent_id: parentId,
		level,
		number,
		position,
		title_ky: title?.ky ?? '',
		title_ru: title?.ru || null,
		title_en: title?.en || null,
		ru_unofficial: !!flags.ru,
		ky_unofficial: !!flags.ky
	});
	const chapters = await insertNodes(
		tx,
		file.chapters.map((c, i) => node(c.id, null, 'chapter', c.number, i, c.title))
	);
	const goals = await insertNodes(
		tx,
		file.chapters.flatMap((c) =>
			c.goals.map((g, i) => node(g.id, chapters.get(c.id)!, 'goal', g.number, i, g.title))
		)
	);
	const tasks = await insertNodes(
		tx,
		file.chapters.flatMap((c) =>
			c.goals.flatMap((g) =>
				g.tasks.map((t, i) => node(t.id, goals.get(g.id)!, 'task', t.number, i, t.title))
			)
		)
	);
	const all = measuresOf(file);
	for (let i = 0; i < all.length; i += CHUNK) {
		const chunk = all.slice(i, i + CHUNK);
		const ids = await insertNodes(
			tx,
			chunk.map(({ task, measure: m }) =>
				node(
					m.id,
					tasks.get(task.id)!,
					'measure',
					m.number,
					task.measures.indexOf(m),
					{ ky: m.text.ky, ru: m.text.ru ?? null },
					{ ru: m.text.ruUnofficial, ky: m.text.kyUnofficial }
				)
			)
		);
		const details = chunk.map(({ measure: m }) => ({
			node_id: ids.get(m.id)!,
			version_id: versionId,
			baseline: tx.json(texts(m.baseline) as never),
			indicators: tx.json(m.indicators.map(texts) as never),
			expected_result: tx.json(texts(m.expectedResult) as never),
			deadline_raw: m.deadline.raw ?? '',
			deadline_kind: m.deadline.kind,
			deadline_from: m.deadline.from ?? null,
			deadline_to: m.deadline.to ?? null,
			deadline_half: m.deadline.half ?? null,
			deadline_quarter: m.deadline.quarter ?? null,
			deadline_every: m.deadline.every ?? null,
			deadline_checkpoints: m.deadline.checkpoints ?? [],
			bodies_raw: m.bodiesRaw ?? '',
			funding_raw: m.fundingRaw ?? '',
			level: m.level,
			tags: m.tags,
			uncertain: m.uncertain,
			uncertain_note: m.uncertainNote,
			duplicate_of: m.duplicateOf,
			duplicate_note: m.duplicateNote,
			source_file: m.source?.file ?? null,
			source_line: m.source?.line ?? null
		}));
		await tx`insert into measure_detail ${tx(details as never[])}`;
		const bodies = chunk.flatMap(({ measure: m }) =>
			m.bodies.map((b, position) => ({
				node_id: ids.get(m.id)!,
				body_code: b.code,
				role: b.role,
				position
			}))
		);
		if (bodies.length)
			await tx`insert into measure_body ${tx(bodies as never[])} on conflict do nothing`;
		const funding = chunk.flatMap(({ measure: m }) =>
			[...new Set(m.funding)].map((source_code, position) => ({
				node_id: ids.get(m.id)!,
				source_code,
				position
			}))
		);
		if (funding.length) await tx`insert into measure_funding ${tx(funding as never[])}`;
		await onProgress?.(Math.min(i + CHUNK, all.length), all.length);
	}
}
