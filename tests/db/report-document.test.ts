/**
 * The document of a submitted report on real PostgreSQL: Kyshtut's demo report for 2025 asked for
 * as a PDF and an XLSX in Kyrgyz and Russian, rendered by the job, read back (pdf.js, exceljs) and
 * its totals checked against what the database adds up; who may download it, and that the public
 * reaches only submitted reports of approved plans.
 */
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { isDomainError } from '../../src/lib/server/errors';
import {
	renderReportJob,
	reportDocumentBytes,
	requestReportDocument
} from '../../src/lib/server/documents/report-documents';
import { readPdf } from '../../src/lib/server/documents/read-pdf';
import { formatMoney, formatShare } from '../../src/lib/format';
import { actorOf, reportsDemoDb, territoryId, SOATE } from './helpers';

const { sql, boss } = await reportsDemoDb();
afterAll(async () => {
	await boss.stop({ graceful: false });
});

const staff = await actorOf(sql, 'kyshtut.staff');
const deputy = await actorOf(sql, 'kyshtut.deputy');
const oblast = await actorOf(sql, 'batken.oblast');
const otherStaff = await actorOf(sql, 'akturpak.staff');
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const { id: planId } = (
	await sql<{ id: number }[]>`
	select id from local_plan where municipality_id = ${kyshtut} and state = 'approved' order by id limit 1`
)[0]!;
const { id: reportId } = (
	await sql<{ id: number }[]>`
	select id from report where local_plan_id = ${planId} and period = '2025'`
)[0]!;

/** The totals as the database adds them up, line by line from the stored rows. */
const [db] = await sql<
	{ planned: string; spent: string; gender: string; women: number; girls: number }[]
>`
	with lines as (
		select b.amount, coalesce(s.spent, 0) as spent, b.gender_share, s.reached_women, s.reached_girls
		from budget_line b join activity a on a.id = b.activity_id
		left join report_spending s on s.budget_line_id = b.id and s.report_id = ${reportId}
		where a.local_plan_id = ${planId} and b.year = 2025
	), extras as (
		select spent, gender_share from report_extra_spending where report_id = ${reportId}
	)
	select
		((select sum(amount) from lines))::text as planned,
		((select sum(spent) from lines) + (select coalesce(sum(spent), 0) from extras))::text as spent,
		((select sum(round(spent * gender_share / 100, 2)) from lines)
			+ (select coalesce(sum(round(spent * gender_share / 100, 2)), 0) from extras))::text as gender,
		(select sum(reached_women) from lines)::int as women,
		(select sum(reached_girls) from lines)::int as girls`;
const rate = (Math.round((Number(db!.spent) / Number(db!.planned)) * 1000) / 10).toFixed(1);

async function rendered(lang: 'ky' | 'ru', format: 'pdf' | 'xlsx') {
	const doc = await requestReportDocument(sql, boss, staff, planId, '2025', lang, format);
	expect(doc.status).toBe('queued');
	const [job] = await sql`
		select 1 from pgboss.job where name = 'report.render' and (data ->> 'documentId')::bigint = ${doc.id}`;
	expect(job).toBeTruthy();
	await renderReportJob(sql, { documentId: doc.id });
	const again = await requestReportDocument(sql, boss, deputy, planId, '2025', lang, format);
	expect(again).toMatchObject({ id: doc.id, status: 'done' });
	const stored = await reportDocumentBytes(sql, doc.id);
	expect(stored).not.toBeNull();
	if (process.env.REPORTDOC_SHOTS) {
		const { writeFileSync, mkdirSync } = await import('node:fs');
		mkdirSync('/tmp/reportdoc-shots', { recursive: true });
		writeFileSync(`/tmp/reportdoc-shots/report-${lang}.${format}`, stored!.bytes);
	}
	return stored!.bytes;
}

const refusal = async (p: Promise<unknown>) => {
	try {
		await p;
		return 'allowed';
	} catch (e) {
		if (isDomainError(e)) return `${e.status} ${e.code}`;
		throw e;
	}
};

describe('the report document', () => {
	it('the database totals are those of the demo (a sanity check of the fixture)', () => {
		expect(Number(db!.planned)).toBeGreaterThan(0);
		expect(Number(db!.spent)).toBeGreaterThan(0);
		expect(db!.women).toBeGreaterThan(0);
	});

	for (const lang of ['ky', 'ru'] as const) {
		it(`the PDF in ${lang} shows the database's totals, the matrix and the summary, with ң ө ү`, async () => {
			const pdf = await readPdf(await rendered(lang, 'pdf'));
			const money = (v: string) =>
				formatMoney(v, lang, { currency: false }).replace(/[\s\u00a0\u202f]+/g, ' ');
			expect(pdf.sizes[0]!.width).toBeGreaterThan(pdf.sizes[0]!.height);
			expect(pdf.text).toContain(money(db!.planned));
			expect(pdf.text).toContain(money(db!.spent));
			expect(pdf.text).toContain(money(db!.gender));
			expect(pdf.text).toContain(`${formatShare(rate, lang)} %`);
			expect(pdf.text).toMatch(new RegExp(`${db!.women}`));
			if (lang === 'ky') {
				expect(pdf.text).toContain('Гендердик аракеттер планынын аткарылышы');
				expect(pdf.text).toContain('Жынысы боюнча пайда алуучулар');
				for (const ch of ['ң', 'ө', 'ү']) expect(pdf.letters).toContain(ch);
			} else {
				expect(pdf.text).toContain('Отчёт о выполнении гендерного плана действий');
				expect(pdf.text).toContain('Бенефициары по полу');
				expect(pdf.text).toContain('Ответственный по гендерным вопросам');
			}
			// the Kyrgyz content (activity titles, the demo's narrative) prints with its letters
			for (const ch of ['ң', 'ө', 'ү']) expect(pdf.letters).toContain(ch);
		});

		it(`the XLSX in ${lang} has the same totals and a row per indicator`, async () => {
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load((await rendered(lang, 'xlsx')) as never);
			const [matrix, summary] = wb.worksheets;
			const rows = matrix!.getSheetValues().filter(Boolean) as unknown[][];
			const last = rows[rows.length - 1]!;
			expect(last[9]).toBe(Number(db!.planned));
			expect(last[10]).toBe(Number(db!.spent));
			const { n } = (
				await sql<{ n: number }[]>`
				select (count(*) filter (where true))::int as n from (
					select a.id from activity a left join indicator i on i.activity_id = a.id
					where a.local_plan_id = ${planId}
				) x`
			)[0]!;
			const { extras } = (
				await sql<{ extras: number }[]>`
				select count(*)::int as extras from report_extra_spending where report_id = ${reportId}`
			)[0]!;
			expect(rows.length).toBe(1 + n + extras + 1);
			const values = (summary!.getSheetValues().filter(Boolean) as unknown[][]).map((r) =>
				r.slice(1)
			);
			expect(values.flat()).toContain(Number(db!.gender));
			expect(values.flat()).toContain(db!.women);
		});
	}

	it('the public reaches the submitted report of the approved plan, not the draft; another municipality is refused', async () => {
		expect(
			(
				await requestReportDocument(sql, boss, null, planId, '2025', 'ky', 'pdf', {
					publicOnly: true
				})
			).status
		).toBe('done');
		expect(
			await refusal(
				requestReportDocument(sql, boss, null, planId, '2026S1', 'ky', 'pdf', { publicOnly: true })
			)
		).toBe('404 error_not_found');
		expect(
			await refusal(requestReportDocument(sql, boss, staff, planId, '2026S1', 'ky', 'pdf'))
		).toBe('404 error_not_found');
		expect(
			await refusal(requestReportDocument(sql, boss, oblast, planId, '2025', 'ru', 'pdf'))
		).toBe('allowed');
		expect(
			await refusal(requestReportDocument(sql, boss, otherStaff, planId, '2025', 'ky', 'pdf'))
		).toMatch(/^403/);
		expect(
			await refusal(requestReportDocument(sql, boss, null, planId, '2025', 'ky', 'pdf'))
		).toMatch(/^40[13]/);
		expect(
			await refusal(requestReportDocument(sql, boss, staff, planId, '2025', 'en', 'pdf'))
		).toBe('404 error_not_found');
	});
});

describe('submission renders the documents', () => {
	it('submitting a report queues its PDF and XLSX in both languages in the same transaction', async () => {
		const { submitReport } = await import('../../src/lib/server/reports/reports');
		const { contentHash: hash } = await submitReport(sql, staff, planId, '2026S1', {
			boss,
			today: '2026-07-20'
		});
		const docs = await sql<{ id: number; lang: string; format: string; status: string }[]>`
			select d.id, d.lang, d.format, d.status from report_document d join report r on r.id = d.report_id
			where r.local_plan_id = ${planId} and r.period = '2026S1' and d.content_hash = ${hash}
			order by d.lang, d.format`;
		expect(docs.map((d) => `${d.lang} ${d.format} ${d.status}`)).toEqual([
			'ky pdf queued',
			'ky xlsx queued',
			'ru pdf queued',
			'ru xlsx queued'
		]);
		const jobs = await sql<{ id: number }[]>`
			select (data ->> 'documentId')::bigint as id from pgboss.job where name = 'report.render'
			and (data ->> 'documentId')::bigint in ${sql(docs.map((d) => d.id))}`;
		expect(jobs).toHaveLength(4);
		await renderReportJob(sql, { documentId: docs[0]!.id });
		const pdf = await readPdf((await reportDocumentBytes(sql, docs[0]!.id))!.bytes);
		expect(pdf.text).toContain('Жумушчу топ эки жолу чогулду');
	});
});

describe('corrections', () => {
	it('while a correction is being written, staff still get the documents of the submitted version', async () => {
		const { startCorrection } = await import('../../src/lib/server/reports/reports');
		const before = await requestReportDocument(sql, boss, staff, planId, '2025', 'ky', 'pdf');
		await startCorrection(sql, staff, planId, '2025');
		const during = await requestReportDocument(sql, boss, staff, planId, '2025', 'ky', 'pdf');
		expect(during).toMatchObject({ id: before.id, contentHash: before.contentHash });
		const { state } = (
			await sql<{ state: string }[]>`
			select state from report where local_plan_id = ${planId} and period = '2025' order by version desc limit 1`
		)[0]!;
		expect(state).toBe('draft');
	});
});
