import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { UNPRINTABLE_SQL } from './printable';
import { sendInTransaction } from '../jobs';
import { contentHash } from '../content-hash';
import { requirePlan } from '../plans/plans';
import { planView } from '../plans/view';
import type { PlanView } from '../plans/types';
import { readSnapshot } from '../plans/snapshot';
import { renderPlanPdf, type PlanDocumentInput } from './plan-pdf';
import { annex } from '../hearings/hearings';

export type DocLang = 'ky' | 'ru';
export const DOC_LANGS: DocLang[] = ['ky', 'ru'];

export interface DocumentStatus {
	id: number;
	status: 'queued' | 'rendering' | 'done' | 'failed';
	lang: DocLang;
	contentHash: string;
	byteSize: number | null;
	error: string | null;
}

/** What a plan's document shows now: the frozen approved version, or the current draft with its hash. */
async function documentSource(
	sql: Sql,
	planId: number
): Promise<{ view: PlanView; hash: string; approval: PlanDocumentInput['approval'] }> {
	const [a] = await sql<
		{ snapshot: unknown; decisionNumber: string; decisionDate: string; contentHash: string }[]
	>`
		select snapshot, decision_number, to_char(decision_date, 'YYYY-MM-DD') as decision_date, content_hash from plan_approval where local_plan_id = ${planId}`;
	if (a)
		return {
			view: readSnapshot(a.snapshot),
			hash: a.contentHash,
			approval: {
				decisionNumber: a.decisionNumber,
				decisionDate: a.decisionDate,
				contentHash: a.contentHash
			}
		};
	const view = await planView(sql, null, planId, { system: true });
	const { rowVersion: _r, updatedAt: _u, ...plan } = view.plan;
	return {
		view,
		hash: contentHash({
			plan,
			sections: view.sections,
			summary: view.summary,
			planTitles: view.planTitles
		}),
		approval: null
	};
}

/** The hash of the annexes a document of the plan carries now (the hearings' record): '' when there is none. */
async function annexHash(sql: Sql, planId: number): Promise<string> {
	const hearings = await annex(sql, planId);
	// whether proposals are still taken changes with the calendar, not the record
	const record = hearings.map(({ hearing: { open: _open, ...hearing }, ...rest }) => ({
		...rest,
		hearing
	}));
	return record.length ? contentHash(record) : '';
}

/** The content hash a document of the plan would carry now: the approval's, or the current draft's. */
async function currentHash(sql: Sql, planId: number): Promise<string> {
	const [a] = await sql<
		{ contentHash: string }[]
	>`select content_hash from plan_approval where local_plan_id = ${planId}`;
	return a ? a.contentHash : (await documentSource(sql, planId)).hash;
}

/** The document page: the plan's title, its PDF in the language (asked for when missing) and whether some text cannot be printed. */
export async function documentPage(
	sql: Sql,
	boss: PgBoss,
	actor: Actor | null,
	planId: number,
	lang: DocLang
): Promise<{
	planId: number;
	title: string;
	titleRu: string;
	doc: DocumentStatus;
	unprintable: boolean;
}> {
	const doc = await requestPdf(sql, boss, actor, planId, lang);
	const [p] = await sql<{ title: string; titleRu: string }[]>`
		select title, title_ru
		from local_plan
		where id = ${planId}`;
	if (!p) throw new DomainError('error_not_found', 404);
	return {
		planId,
		title: p.title,
		titleRu: p.titleRu,
		doc,
		unprintable: await hasUnprintableText(sql, planId)
	};
}

/**
 * Asks for a plan's PDF in a language. When the same content was rendered before, that document is
 * returned at once; otherwise a render job is queued in the same transaction as its row.
 */
export async function requestPdf(
	sql: Sql,
	boss: PgBoss,
	actor: Actor | null,
	planId: number,
	lang: DocLang,
	options: { publicOnly?: boolean } = {}
): Promise<DocumentStatus> {
	if (!DOC_LANGS.includes(lang)) throw new DomainError('error_not_found', 404);
	const plan = options.publicOnly
		? await publicPlanRef(sql, planId)
		: await requirePlan(sql, actor, planId, 'read');
	// an approved plan's hash is stored: the public download does not rebuild the plan to find it
	const hash = await currentHash(sql, planId);
	const annexes = await annexHash(sql, planId);
	return transaction(sql, async (tx) => {
		const [existing] = await tx<DocumentStatus[]>`
			select id, status, lang, content_hash, byte_size, error from plan_document where local_plan_id = ${planId} and lang = ${lang} and content_hash = ${hash} and annex_hash = ${annexes}`;
		if (existing && existing.status !== 'failed') return existing;
		if (existing)
			await tx`update plan_document set status = 'queued', error = null where id = ${existing.id}`;
		const [row] = existing
			? [{ ...existing, status: 'queued' as const, error: null }]
			: await tx<DocumentStatus[]>`
				insert into plan_document (local_plan_id, municipality_id, lang, content_hash, annex_hash) values (${planId}, ${plan.municipalityId}, ${lang}, ${hash}, ${annexes})
				returning id, status, lang, content_hash, byte_size, error`;
		await sendInTransaction(boss, tx, 'plan.render', { documentId: row.id });
		return row;
	});
}

export async function documentStatus(sql: Sql, documentId: number): Promise<DocumentStatus | null> {
	const [row] = await sql<
		DocumentStatus[]
	>`select id, status, lang, content_hash, byte_size, error from plan_document where id = ${documentId}`;
	return row ?? null;
}

/** The rendered bytes of a finished document of this plan (the caller has checked who may read it). */
export async function documentBytes(
	sql: Sql,
	planId: number,
	documentId: number
): Promise<{ pdf: Uint8Array; contentHash: string; lang: DocLang } | null> {
	const [row] = await sql<{ pdf: Uint8Array; contentHash: string; lang: DocLang }[]>`
		select pdf, content_hash, lang from plan_document where id = ${documentId} and local_plan_id = ${planId} and status = 'done'`;
	return row ?? null;
}

/** The job: renders one document (or, from an approval, both languages of the approved version). */
export async function renderJob(
	sql: Sql,
	data: { documentId?: number; planId?: number; contentHash?: string },
	boss?: PgBoss
): Promise<void> {
	if (data.documentId) return renderDocument(sql, data.documentId);
	if (!data.planId || !boss) return;
	// a plan no longer public is skipped; a database error fails the job, so it is retried
	for (const lang of DOC_LANGS) {
		await requestPdf(sql, boss, null, data.planId, lang, { publicOnly: true }).catch((e) => {
			if (!(e instanceof DomainError)) throw e;
		});
	}
}

async function renderDocument(sql: Sql, documentId: number): Promise<void> {
	const [doc] = await sql<
		{ localPlanId: number; lang: DocLang; contentHash: string; status: string }[]
	>`
		select local_plan_id, lang, content_hash, status from plan_document where id = ${documentId}`;
	if (!doc || doc.status === 'done') return;
	await sql`update plan_document set status = 'rendering' where id = ${documentId}`;
	try {
		const source = await documentSource(sql, doc.localPlanId);
		// the document references its plan, and the plan its municipality
		const t = (
			await sql<
				{
					nameKy: string;
					nameRu: string;
					rayonKy: string | null;
					rayonRu: string | null;
					oblastKy: string | null;
					oblastRu: string | null;
					headName: string | null;
					keneshChairName: string | null;
				}[]
			>`
			select m.name_ky, m.name_ru, r.name_ky as rayon_ky, r.name_ru as rayon_ru, o.name_ky as oblast_ky, o.name_ru as oblast_ru,
				pr.head_name, pr.kenesh_chair_name
			from local_plan p join territory m on m.id = p.municipality_id
			left join territory r on r.id = m.parent_id and r.kind = 'rayon'
			left join territory o on o.id = m.region_id
			left join municipality_profile pr on pr.municipality_id = m.id
			where p.id = ${doc.localPlanId}`
		)[0]!;
		const pdf = await renderPlanPdf(
			{
				view: source.view,
				municipality: {
					nameKy: t.nameKy,
					nameRu: t.nameRu,
					rayonKy: t.rayonKy ?? '',
					rayonRu: t.rayonRu ?? '',
					oblastKy: t.oblastKy ?? '',
					oblastRu: t.oblastRu ?? ''
				},
				profile: { headName: t.headName ?? '', keneshChairName: t.keneshChairName ?? '' },
				approval: source.approval,
				draft: source.approval === null,
				hearings: await annex(sql, doc.localPlanId)
			},
			doc.lang
		);
		await sql`update plan_document set status = 'done', pdf = ${pdf}, byte_size = ${pdf.length}, finished_at = now() where id = ${documentId}`;
	} catch (e) {
		await sql`update plan_document set status = 'failed', error = ${String((e as Error)?.message ?? e).slice(0, 500)}, finished_at = now() where id = ${documentId}`;
		throw e;
	}
}

/** Whether the plan holds characters the PDF font cannot draw (emoji): the download page says they are left out. */
export async function hasUnprintableText(sql: Sql, planId: number): Promise<boolean> {
	const [row] = await sql<{ found: boolean }[]>`
		select exists (
			select 1 from local_plan p where p.id = ${planId} and concat_ws(' ', p.title, p.title_ru) ~ ${UNPRINTABLE_SQL}
			union all
			select 1 from plan_section s where s.local_plan_id = ${planId} and concat_ws(' ', s.title, s.title_ru) ~ ${UNPRINTABLE_SQL}
			union all
			select 1 from activity a
			where a.local_plan_id = ${planId}
				and concat_ws(' ', a.title, a.title_ru, a.reason, a.responsible, a.partners, a.target_groups) ~ ${UNPRINTABLE_SQL}
			union all
			select 1 from indicator i join activity a on a.id = i.activity_id
			where a.local_plan_id = ${planId} and concat_ws(' ', i.name, i.unit, i.data_source) ~ ${UNPRINTABLE_SQL}
			union all
			select 1 from budget_line b join activity a on a.id = b.activity_id
			where a.local_plan_id = ${planId}
				and concat_ws(' ', b.donor_name, b.classification_code, b.justification) ~ ${UNPRINTABLE_SQL}
		) as found`;
	return row?.found ?? false;
}

// ---------------------------------------------------------------- public

/** An approved plan as the public may see it; drafts, submitted plans and everything else are "not found". */
export async function publicPlanRef(
	sql: Sql,
	planId: number
): Promise<{ id: number; municipalityId: number }> {
	const [p] = await sql<
		{ id: number; municipalityId: number }[]
	>`select id, municipality_id from local_plan where id = ${planId} and state = 'approved'`;
	if (!p) throw new DomainError('error_not_found', 404);
	return p;
}

export interface PublicPlan {
	id: number;
	municipality: { id: number; nameKy: string; nameRu: string; nameEn: string; soateCode: string };
	oblast: { nameKy: string; nameRu: string; nameEn: string; statCode: string | null };
	/** Kyrgyz; it or `titleRu` may be empty (a plan approved before Russian titles existed has none) */
	title: string;
	titleRu: string;
	kind: string;
	periodStart: number;
	periodEnd: number;
	decisionNumber: string;
	decisionDate: string;
	contentHash: string;
	/** the approved version this one revised, if any */
	supersedes: number | null;
	/** the approved revision that replaced this version, if any */
	supersededBy: number | null;
}

/** Every approved plan (or those named, or one municipality's), newest first, for the public pages and API. */
export async function publicPlans(
	sql: Sql,
	options: { id?: number; ids?: number[]; municipalityId?: number } = {}
): Promise<PublicPlan[]> {
	const rows = await sql<
		(Omit<PublicPlan, 'municipality' | 'oblast'> & Record<string, string | number | null>)[]
	>`
		select p.id, p.title, p.title_ru, p.kind, p.period_start, p.period_end, a.decision_number, to_char(a.decision_date, 'YYYY-MM-DD') as decision_date, a.content_hash,
			m.id as m_id, m.name_ky as m_ky, m.name_ru as m_ru, m.name_en as m_en, m.soate_code as m_soate,
			o.name_ky as o_ky, o.name_ru as o_ru, o.name_en as o_en, o.stat_code as o_stat,
			(select e.id from local_plan e where e.id = p.revision_of and e.state = 'approved') as supersedes,
			(select r.id from local_plan r where r.revision_of = p.id and r.state = 'approved') as superseded_by
		from local_plan p join plan_approval a on a.local_plan_id = p.id
		join territory m on m.id = p.municipality_id join territory o on o.id = m.region_id
		where p.state = 'approved'
			${options.id ? sql`and p.id = ${options.id}` : sql``}
			${options.ids ? sql`and p.id = any(${options.ids}::int[])` : sql``}
			${options.municipalityId ? sql`and p.municipality_id = ${options.municipalityId}` : sql``}
		order by a.decision_date desc, p.id desc`;
	return rows.map((r) => ({
		id: r.id as number,
		title: r.title as string,
		titleRu: r.titleRu as string,
		kind: r.kind as string,
		periodStart: r.periodStart as number,
		periodEnd: r.periodEnd as number,
		decisionNumber: r.decisionNumber as string,
		decisionDate: r.decisionDate as string,
		contentHash: r.contentHash as string,
		supersedes: r.supersedes as number | null,
		supersededBy: r.supersededBy as number | null,
		municipality: {
			id: r.mId as number,
			nameKy: r.mKy as string,
			nameRu: r.mRu as string,
			nameEn: r.mEn as string,
			soateCode: r.mSoate as string
		},
		oblast: {
			nameKy: r.oKy as string,
			nameRu: r.oRu as string,
			nameEn: r.oEn as string,
			statCode: r.oStat as string | null
		}
	}));
}

/** How many current plans one page of the public list shows. */
export const PUBLIC_PAGE_SIZE = 50;

export interface PublicPlanPage {
	/** the current versions on this page, newest decision first */
	current: PublicPlan[];
	/** the approved versions those replaced, each listed under its successor */
	earlier: PublicPlan[];
	/** current plans in the whole list (in the oblast, if one is chosen) */
	total: number;
	page: number;
	pages: number;
}

/**
 * One page of the public list: the current approved versions (an oblast's, if one is chosen) with the
 * versions they replaced, so that a list of every municipality in the country stays light on a slow line.
 */
export async function publicPlanPage(
	sql: Sql,
	options: { oblast?: string | null; page?: number } = {}
): Promise<PublicPlanPage> {
	const page = Math.max(1, Math.floor(options.page ?? 1));
	const current = sql`
		from local_plan p
		join plan_approval a on a.local_plan_id = p.id
		join territory m on m.id = p.municipality_id
		join territory o on o.id = m.region_id
		where p.state = 'approved'
			and not exists (
				select from local_plan r where r.revision_of = p.id and r.state = 'approved'
			)
			${options.oblast ? sql`and o.stat_code = ${options.oblast}` : sql``}`;
	const listed = await sql<{ id: number; total: number }[]>`
		select p.id, count(*) over ()::int as total
		${current}
		order by a.decision_date desc, p.id desc
		limit ${PUBLIC_PAGE_SIZE}
		offset ${(page - 1) * PUBLIC_PAGE_SIZE}`;
	const ids = listed.map((r) => r.id);
	// the page's plans and, through revision_of, every approved version before them
	let plans: PublicPlan[] = [];
	if (ids.length > 0) {
		const chain = await sql<{ id: number }[]>`
			with recursive chain (id, revision_of) as (
				select id, revision_of from local_plan where id = any(${ids}::int[])
				union
				select e.id, e.revision_of
				from local_plan e
				join chain c on e.id = c.revision_of
				where e.state = 'approved'
			)
			select id from chain`;
		plans = await publicPlans(sql, { ids: chain.map((c) => c.id) });
	}
	const byId = new Map(plans.map((p) => [p.id, p]));
	const onPage = new Set(ids);
	// a page past the last still says how many there are
	const total =
		listed[0]?.total ??
		(page > 1 ? (await sql<{ n: number }[]>`select count(*)::int as n ${current}`)[0]!.n : 0);
	return {
		current: ids.map((id) => byId.get(id)).filter((p) => p !== undefined),
		earlier: plans.filter((p) => !onPage.has(p.id)),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE))
	};
}

/** One approved plan, frozen as the kenesh approved it. */
export async function publicPlan(
	sql: Sql,
	planId: number
): Promise<{ plan: PublicPlan; view: PlanView }> {
	const [plan] = await publicPlans(sql, { id: planId });
	const [a] = await sql<
		{ snapshot: unknown }[]
	>`select snapshot from plan_approval where local_plan_id = ${planId}`;
	if (!plan || !a) throw new DomainError('error_not_found', 404);
	return { plan, view: readSnapshot(a.snapshot) };
}

/** A public plan as the read API gives it (the list and the single plan share these fields). */
export function publicPlanJson(p: PublicPlan) {
	return {
		id: p.id,
		municipality: {
			name: { ky: p.municipality.nameKy, ru: p.municipality.nameRu, en: p.municipality.nameEn },
			soateCode: p.municipality.soateCode
		},
		oblast: {
			name: { ky: p.oblast.nameKy, ru: p.oblast.nameRu, en: p.oblast.nameEn },
			statCode: p.oblast.statCode
		},
		title: p.title,
		titleRu: p.titleRu,
		kind: p.kind,
		periodStart: p.periodStart,
		periodEnd: p.periodEnd,
		decision: { number: p.decisionNumber, date: p.decisionDate },
		contentHash: p.contentHash,
		supersedes: p.supersedes,
		supersededBy: p.supersededBy
	};
}
