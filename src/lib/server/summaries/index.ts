/**
 * Summaries people share (issue [13] part 4): a one-page summary of an approved plan or of a
 * submitted report, as an A4 PDF for the information stand and a PNG for messengers, in Kyrgyz and
 * Russian, with a short link (`/s/{plan}`, `/s/{plan}/{period}`) to the public page.
 *
 * The summary is built once (model.ts) and hashed; each (hash, language, format) is rendered once by
 * a job in the job process and then served from `summary_document`, like the plan's and the
 * report's documents. The row keeps the summary it was asked for, so the job draws exactly what was
 * hashed even if the roster changes meanwhile. Only what the public may read has a summary.
 */
import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { sendInTransaction } from '../jobs';
import { contentHash } from '../content-hash';
import { publicPlan } from '../documents';
import { seatShares } from '../kenesh/seat-share';
import { parsePeriod } from '../../reports/periods';
import type { ReportContent } from '../reports/reports';
import { planSummary, reportSummary, type PlanSummaryInput, type SummaryModel } from './model';
import { renderSummaryPdf } from './pdf';
import { renderSummaryPng } from './png';
import { can } from './permissions';
import type { SummaryLang } from './text';

export { PNG_SIZE } from './png';
export type { SummaryModel } from './model';

export type SummaryFormat = 'pdf' | 'png';
export const SUMMARY_FORMATS: SummaryFormat[] = ['pdf', 'png'];
export const SUMMARY_LANGS: SummaryLang[] = ['ky', 'ru'];

export interface SummaryStatus {
	id: number;
	status: 'queued' | 'rendering' | 'done' | 'failed';
	lang: SummaryLang;
	format: SummaryFormat;
	contentHash: string;
}

interface Subject {
	planId: number;
	municipalityId: number;
	reportId: number | null;
	model: SummaryModel;
}

const notFound = () => new DomainError('error_not_found', 404);

/** The origin a short link is printed with: the one the reader reached, reduced to scheme, host and port. */
function originOf(origin: string): string {
	try {
		return new URL(origin).origin;
	} catch {
		throw notFound();
	}
}

/** What every summary of an approved plan shows: its frozen version and the roster's seats now. */
async function planInput(
	sql: Sql,
	planId: number,
	origin: string
): Promise<{ input: PlanSummaryInput; municipalityId: number }> {
	const { plan, view } = await publicPlan(sql, planId);
	const seats = (await seatShares(sql, [plan.municipality.id])).get(plan.municipality.id)!;
	return {
		municipalityId: plan.municipality.id,
		input: {
			planId,
			view,
			municipality: { ky: plan.municipality.nameKy, ru: plan.municipality.nameRu },
			oblast: { ky: plan.oblast.nameKy, ru: plan.oblast.nameRu },
			decisionNumber: plan.decisionNumber,
			decisionDate: plan.decisionDate,
			seats,
			origin: originOf(origin)
		}
	};
}

async function planSubject(sql: Sql, planId: number, origin: string): Promise<Subject> {
	const { input, municipalityId } = await planInput(sql, planId, origin);
	return { planId, municipalityId, reportId: null, model: planSummary(input) };
}

/** The latest submitted version of a period's report of an approved plan; a draft is not found. */
async function reportSubject(
	sql: Sql,
	planId: number,
	code: string,
	origin: string
): Promise<Subject> {
	const period = parsePeriod(code);
	if (!period) throw notFound();
	const [r] = await sql<
		{ id: number; version: number; submittedOn: string; snapshot: ReportContent }[]
	>`
		select r.id, r.version, to_char(r.submitted_at at time zone 'Asia/Bishkek', 'YYYY-MM-DD') as submitted_on, r.snapshot
		from report r
		join local_plan p on p.id = r.local_plan_id
		where r.local_plan_id = ${planId}
			and r.period = ${code}
			and r.state = 'submitted'
			and p.state = 'approved'
		order by r.version desc
		limit 1`;
	if (!r) throw notFound();
	const { input, municipalityId } = await planInput(sql, planId, origin);
	return {
		planId,
		municipalityId,
		reportId: r.id,
		model: reportSummary({
			...input,
			report: {
				period: code,
				year: period.year,
				frequency: period.frequency,
				number: period.number,
				submittedOn: r.submittedOn,
				version: r.version,
				content: r.snapshot
			}
		})
	};
}

/** The summary of an approved plan (no period) or of a submitted report (its period), as it would be drawn now. */
export async function summaryOf(
	sql: Sql,
	actor: Actor | null,
	o: { planId: number; period?: string; origin: string }
): Promise<Subject> {
	const subject = o.period
		? await reportSubject(sql, o.planId, o.period, o.origin)
		: await planSubject(sql, o.planId, o.origin);
	// the subjects above are all public; the check says so where every domain says who may read
	if (!can(actor, 'read', { public: true })) throw notFound();
	return subject;
}

/**
 * Asks for a summary file: the stored one when this very summary was rendered before, otherwise a
 * render queued in the same transaction as its row. Concurrent asks for the same summary share one
 * row and one job (the row is unique by hash, language and format).
 */
export async function requestSummary(
	sql: Sql,
	boss: PgBoss,
	actor: Actor | null,
	o: { planId: number; period?: string; format: string; lang: string; origin: string }
): Promise<SummaryStatus> {
	if (
		!SUMMARY_LANGS.includes(o.lang as SummaryLang) ||
		!SUMMARY_FORMATS.includes(o.format as SummaryFormat)
	)
		throw notFound();
	const subject = await summaryOf(sql, actor, o);
	const hash = contentHash(subject.model);
	return transaction(sql, async (tx) => {
		const [existing] = await tx<SummaryStatus[]>`
			select id, status, lang, format, content_hash
			from summary_document
			where content_hash = ${hash} and lang = ${o.lang} and format = ${o.format}
			for update`;
		if (existing && existing.status !== 'failed') return existing;
		if (existing) {
			await tx`
				update summary_document
				set status = 'queued', error = null
				where id = ${existing.id}`;
			await sendInTransaction(boss, tx, 'summary.render', { documentId: existing.id });
			return { ...existing, status: 'queued' as const };
		}
		// an upsert returns its row, inserted or updated
		const row = (
			await tx<(SummaryStatus & { inserted: boolean })[]>`
			insert into summary_document (local_plan_id, report_id, municipality_id, lang, format, content_hash, model)
			values (${subject.planId}, ${subject.reportId}, ${subject.municipalityId}, ${o.lang}, ${o.format}, ${hash}, ${tx.json(subject.model as never)})
			on conflict (content_hash, lang, format) do update set status = summary_document.status
			returning id, status, lang, format, content_hash, (xmax = 0) as inserted`
		)[0]!;
		// a row another request inserted meanwhile has its job already
		if (row.inserted) await sendInTransaction(boss, tx, 'summary.render', { documentId: row.id });
		const { inserted: _i, ...status } = row;
		return status;
	});
}

/** The job: renders one summary file from the summary its row keeps. Only one job renders a row. */
export async function renderSummaryJob(sql: Sql, data: { documentId: number }): Promise<void> {
	const [doc] = await sql<{ lang: SummaryLang; format: SummaryFormat; model: SummaryModel }[]>`
		update summary_document
		set status = 'rendering'
		where id = ${data.documentId}
			-- one job per row: a render the job process died in is taken up again by the retry
			and status <> 'done'
		returning lang, format, model`;
	if (!doc) return;
	try {
		const bytes =
			doc.format === 'pdf'
				? await renderSummaryPdf(doc.model, doc.lang)
				: await renderSummaryPng(doc.model, doc.lang);
		await sql`
			update summary_document
			set status = 'done', bytes = ${bytes}, byte_size = ${bytes.length}, finished_at = now()
			where id = ${data.documentId}`;
	} catch (e) {
		await sql`
			update summary_document
			set status = 'failed', error = ${String((e as Error)?.message ?? e).slice(0, 500)}, finished_at = now()
			where id = ${data.documentId}`;
		throw e;
	}
}

/** The bytes of a rendered summary. */
export async function summaryBytes(
	sql: Sql,
	documentId: number
): Promise<{ bytes: Uint8Array; format: SummaryFormat } | null> {
	const [row] = await sql<{ bytes: Uint8Array; format: SummaryFormat }[]>`
		select bytes, format
		from summary_document
		where id = ${documentId}
			and status = 'done'`;
	return row ?? null;
}

const TYPES: Record<SummaryFormat, string> = { pdf: 'application/pdf', png: 'image/png' };

/**
 * The answer of a download: the file once rendered (the content hash is its etag; the same
 * address may give a newer summary later, so browsers keep it an hour), otherwise a short page in
 * the summary's language that refreshes until it is (202).
 */
export async function summaryResponse(
	sql: Sql,
	doc: SummaryStatus,
	name: string,
	waiting: string
): Promise<Response> {
	if (doc.status === 'done') {
		const file = await summaryBytes(sql, doc.id);
		if (file)
			return new Response(file.bytes as BodyInit, {
				headers: {
					'content-type': TYPES[file.format],
					'content-disposition': `${file.format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}.${file.format}"`,
					'cache-control': 'public, max-age=3600',
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

/**
 * Where a short link leads: the public page of an approved plan, or its report list at the
 * period's report (only a submitted one). Anything else is not found.
 */
export async function shortLinkTarget(
	sql: Sql,
	o: { planId: number; period?: string }
): Promise<string> {
	if (o.period === undefined) {
		await publicPlan(sql, o.planId);
		return `/public/plans/${o.planId}`;
	}
	if (!parsePeriod(o.period)) throw notFound();
	const [r] = await sql`
		select 1
		from report r
		join local_plan p on p.id = r.local_plan_id
		where r.local_plan_id = ${o.planId}
			and r.period = ${o.period}
			and r.state = 'submitted'
			and p.state = 'approved'
		limit 1`;
	if (!r) throw notFound();
	return `/public/plans/${o.planId}#report-${o.period}`;
}
