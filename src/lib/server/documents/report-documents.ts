/**
 * The documents of submitted reports (PDF and XLSX, Kyrgyz and Russian), stored like the plan's:
 * a submitted report is frozen with its content hash, so each (report, language, format, hash) is
 * rendered once by a job in the job process and then served from `report_document`. The first
 * download queues the render (the page refreshes until it is done); later ones are served at once.
 * Drafts have no document: their page shows them as they are being filled.
 */
import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { sendInTransaction } from '../jobs';
import { reportPage, type ReportContent } from '../reports/reports';
import { renderReportPdf, renderReportXlsx } from './report-render';
import type { DocLang } from './index';

const DOC_LANGS: DocLang[] = ['ky', 'ru'];

export type ReportFormat = 'pdf' | 'xlsx';
export const REPORT_FORMATS: ReportFormat[] = ['pdf', 'xlsx'];

export interface ReportDocumentStatus {
	id: number;
	status: 'queued' | 'rendering' | 'done' | 'failed';
	lang: DocLang;
	format: ReportFormat;
	contentHash: string;
}

interface SubmittedRef {
	id: number;
	municipalityId: number;
	contentHash: string;
}

/** A submitted report of an approved plan, for the public; anything else is "not found". */
async function publicSubmitted(sql: Sql, planId: number, code: string): Promise<SubmittedRef> {
	const [r] = await sql<SubmittedRef[]>`
		select r.id, r.municipality_id, r.content_hash
		from report r join local_plan p on p.id = r.local_plan_id
		where r.local_plan_id = ${planId} and r.period = ${code} and r.state = 'submitted' and p.state = 'approved'
		-- a corrected report is read in its latest submitted version
		order by r.version desc
		limit 1`;
	if (!r) throw new DomainError('error_not_found', 404);
	return r;
}

/** The last submitted version of a report the actor may read (staff, deputies, oblast of the plan, national, admin). */
async function readableSubmitted(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string
): Promise<SubmittedRef> {
	let page = await reportPage(sql, actor, planId, code);
	// while a correction is being written, the documents are those of the last submitted version
	const submitted = page.versions.filter((v) => v.state === 'submitted').at(-1);
	if (page.report?.state !== 'submitted' && submitted)
		page = await reportPage(sql, actor, planId, code, { version: submitted.version });
	const r = page.report;
	if (!r || r.state !== 'submitted' || !r.contentHash)
		throw new DomainError('error_not_found', 404);
	return { id: r.id, municipalityId: r.municipalityId, contentHash: r.contentHash };
}

/** Asks for a document of a submitted report: the stored one, or a render queued in the same transaction as its row. */
export async function requestReportDocument(
	sql: Sql,
	boss: PgBoss,
	actor: Actor | null,
	planId: number,
	code: string,
	lang: string,
	format: string,
	options: { publicOnly?: boolean } = {}
): Promise<ReportDocumentStatus> {
	if (!DOC_LANGS.includes(lang as DocLang) || !REPORT_FORMATS.includes(format as ReportFormat))
		throw new DomainError('error_not_found', 404);
	const report = options.publicOnly
		? await publicSubmitted(sql, planId, code)
		: await readableSubmitted(sql, actor, planId, code);
	return transaction(sql, async (tx) => {
		const [existing] = await tx<ReportDocumentStatus[]>`
			select id, status, lang, format, content_hash from report_document
			where report_id = ${report.id} and lang = ${lang} and format = ${format} and content_hash = ${report.contentHash}
			for update`;
		if (existing && existing.status !== 'failed') return existing;
		if (existing)
			await tx`update report_document set status = 'queued', error = null where id = ${existing.id}`;
		const [row] = existing
			? [{ ...existing, status: 'queued' as const }]
			: await tx<ReportDocumentStatus[]>`
				insert into report_document (report_id, municipality_id, lang, format, content_hash)
				values (${report.id}, ${report.municipalityId}, ${lang}, ${format}, ${report.contentHash})
				on conflict (report_id, lang, format, content_hash) do update set status = report_document.status
				returning id, status, lang, format, content_hash`;
		if (row.status === 'queued')
			await sendInTransaction(boss, tx, 'report.render', { documentId: row.id });
		return row;
	});
}

/** The bytes of a finished document (the caller has checked who may read it). */
export async function reportDocumentBytes(
	sql: Sql,
	documentId: number
): Promise<{ bytes: Uint8Array; format: ReportFormat; lang: DocLang } | null> {
	const [row] = await sql<{ bytes: Uint8Array; format: ReportFormat; lang: DocLang }[]>`
		select bytes, format, lang from report_document where id = ${documentId} and status = 'done'`;
	return row ?? null;
}

/** What a rendered report document shows, from the frozen snapshot and the municipality's profile. */
export async function reportDocumentInput(sql: Sql, reportId: number, lang: DocLang) {
	const [r] = await sql<
		{
			snapshot: ReportContent;
			period: string;
			periodStart: string;
			periodEnd: string;
			contentHash: string;
			title: string;
			titleRu: string;
			nameKy: string;
			nameRu: string;
			headName: string | null;
		}[]
	>`
		select r.snapshot, r.period, to_char(r.period_start, 'DD.MM.YYYY') as period_start, to_char(r.period_end, 'DD.MM.YYYY') as period_end,
			r.content_hash, p.title, p.title_ru, t.name_ky, t.name_ru, pr.head_name
		from report r join local_plan p on p.id = r.local_plan_id join territory t on t.id = r.municipality_id
		left join municipality_profile pr on pr.municipality_id = r.municipality_id
		where r.id = ${reportId} and r.state = 'submitted'`;
	if (!r) return null;
	const ru = lang === 'ru';
	return {
		content: r.snapshot,
		planTitle: ru ? r.titleRu || r.title : r.title || r.titleRu,
		municipality: ru ? r.nameRu || r.nameKy : r.nameKy,
		period: `${r.periodStart} – ${r.periodEnd}`,
		contentHash: r.contentHash,
		headName: r.headName ?? ''
	};
}

/** The job: renders one stored document. A failure is written down and the job fails, so it is retried. */
export async function renderReportJob(sql: Sql, data: { documentId: number }): Promise<void> {
	const [doc] = await sql<
		{ reportId: number; lang: DocLang; format: ReportFormat; status: string }[]
	>`select report_id, lang, format, status from report_document where id = ${data.documentId}`;
	if (!doc || doc.status === 'done') return;
	await sql`update report_document set status = 'rendering' where id = ${data.documentId}`;
	try {
		const input = await reportDocumentInput(sql, doc.reportId, doc.lang);
		if (!input) throw new Error(`report ${doc.reportId} is not submitted`);
		const bytes =
			doc.format === 'pdf'
				? await renderReportPdf(input, doc.lang)
				: await renderReportXlsx(input, doc.lang);
		await sql`update report_document set status = 'done', bytes = ${bytes}, byte_size = ${bytes.length}, finished_at = now() where id = ${data.documentId}`;
	} catch (e) {
		await sql`update report_document set status = 'failed', error = ${String((e as Error)?.message ?? e).slice(0, 500)}, finished_at = now() where id = ${data.documentId}`;
		throw e;
	}
}

const TYPES: Record<ReportFormat, string> = {
	pdf: 'application/pdf',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/**
 * The answer of a download: the file once rendered, otherwise a short page in the document's
 * language that refreshes until it is (202). `cache` is how long a browser may keep the file.
 */
export async function reportDocumentResponse(
	sql: Sql,
	doc: ReportDocumentStatus,
	name: string,
	cache: string,
	waiting: string
): Promise<Response> {
	if (doc.status === 'done') {
		const file = await reportDocumentBytes(sql, doc.id);
		if (file)
			return new Response(file.bytes as BodyInit, {
				headers: {
					'content-type': TYPES[file.format],
					'content-disposition': `${file.format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}.${file.format}"`,
					'cache-control': cache,
					etag: `"${doc.contentHash}-${doc.lang}-${doc.format}"`
				}
			});
	}
	const html = `<!doctype html><html lang="${doc.lang}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>${waiting}</title></head><body><p role="status">${waiting}</p></body></html>`;
	return new Response(html, {
		status: 202,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}
