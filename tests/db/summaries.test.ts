/**
 * Summaries people share, on real PostgreSQL with the demo: Kyshtut's approved plan and its
 * submitted 2025 report asked for as a one-page PDF and a messenger PNG, rendered by the job, read
 * back (pdf.js, @napi-rs/canvas) and checked against what the database holds; the same summary is
 * rendered once; drafts have none, and their short links lead nowhere.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadImage } from '@napi-rs/canvas';
import { transaction } from '../../src/lib/server/db';
import { isDomainError } from '../../src/lib/server/errors';
import * as summaries from '../../src/lib/server/summaries';
import { readPdf } from '../../src/lib/server/documents/read-pdf';
import { formatMoney, formatShare } from '../../src/lib/format';
import { actorOf, reportsDemoDb, territoryId, SOATE } from './helpers';

const { sql, boss } = await reportsDemoDb();
afterAll(async () => {
	await boss.stop({ graceful: false });
});

const ORIGIN = 'https://aiyl.example.kg';
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const { id: planId } = (
	await sql<{ id: number }[]>`
	select id from local_plan where municipality_id = ${kyshtut} and state = 'approved' order by id limit 1`
)[0]!;
const [names] = await sql<{ nameKy: string; nameRu: string }[]>`
	select name_ky, name_ru from territory where id = ${kyshtut}`;
/** The plan's totals and the roster's seats as the database holds them. */
const [db] = await sql<{ total: string; gender: string; seats: number; women: number }[]>`
	select
		(select sum(b.amount) from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${planId})::text as total,
		(select sum(round(b.amount * b.gender_share / 100, 2)) from budget_line b join activity a on a.id = b.activity_id where a.local_plan_id = ${planId})::text as gender,
		(select count(*) from deputy where municipality_id = ${kyshtut} and active)::int as seats,
		(select count(*) from deputy where municipality_id = ${kyshtut} and active and sex = 'female')::int as women`;

const text = (v: string) => v.replace(/[\u00a0\u202f]/g, ' ');
const money = (v: string, lang: 'ky' | 'ru') => text(formatMoney(v, lang, { currency: false }));

/** Asks for a summary file as the public does, runs its job, and returns the stored bytes. */
async function rendered(lang: 'ky' | 'ru', format: 'pdf' | 'png', period?: string) {
	const o = { planId, period, lang, format, origin: ORIGIN };
	const doc = await summaries.requestSummary(sql, boss, null, o);
	expect(doc.status).toBe('queued');
	const [job] = await sql`
		select 1 from pgboss.job where name = 'summary.render' and (data ->> 'documentId')::bigint = ${doc.id}`;
	expect(job).toBeTruthy();
	await summaries.renderSummaryJob(sql, { documentId: doc.id });
	const again = await summaries.requestSummary(sql, boss, null, o);
	expect(again).toMatchObject({ id: doc.id, status: 'done' });
	const stored = await summaries.summaryBytes(sql, doc.id);
	expect(stored?.format).toBe(format);
	return { doc, bytes: stored!.bytes };
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

describe('the summary of an approved plan', () => {
	it('the demo roster and budget are there (a sanity check of the fixture)', () => {
		expect(db!.seats).toBeGreaterThan(0);
		expect(Number(db!.total)).toBeGreaterThan(0);
	});

	for (const lang of ['ky', 'ru'] as const) {
		it(`the PDF in ${lang} is one A4 page with the municipality, the database's totals, the seats and the short link (ң ө ү in Kyrgyz)`, async () => {
			const { bytes } = await rendered(lang, 'pdf');
			const r = await readPdf(bytes);
			expect(r.pages).toBe(1);
			expect(r.sizes[0]).toMatchObject({
				width: expect.closeTo(595.28, 1),
				height: expect.closeTo(841.89, 1)
			});
			expect(r.text).toContain(lang === 'ky' ? names!.nameKy : names!.nameRu);
			expect(r.text).toContain(money(db!.total, lang));
			expect(r.text).toContain(money(db!.gender, lang));
			const share = (Math.round((db!.women * 1000) / db!.seats) / 10).toFixed(1);
			expect(r.text).toContain(`${formatShare(share, lang)} %`);
			expect(r.letters).toContain(`${ORIGIN}${lang === 'ru' ? '/ru' : ''}/s/${planId}`);
			// the Kyrgyz page is Kyrgyz; the Russian one prints Kyrgyz-only wordings as they are
			if (lang === 'ky') for (const ch of ['ң', 'ө', 'ү']) expect(r.letters).toContain(ch);
		});

		it(`the PNG in ${lang} is 1080 × 1350 and not blank`, async () => {
			const { bytes } = await rendered(lang, 'png');
			const image = await loadImage(Buffer.from(bytes));
			expect({ width: image.width, height: image.height }).toEqual(summaries.PNG_SIZE);
			expect(bytes.length).toBeGreaterThan(20_000);
		});
	}

	it('the same summary is rendered once: asking again gives the stored file, no new row, no new job', async () => {
		const o = { planId, lang: 'ky', format: 'pdf', origin: ORIGIN };
		const first = await summaries.requestSummary(sql, boss, null, o);
		const staff = await actorOf(sql, 'kyshtut.staff');
		const second = await summaries.requestSummary(sql, boss, staff, o);
		expect(second).toEqual(first);
		expect(first.status).toBe('done');
		const { rows, jobs } = (
			await sql<{ rows: number; jobs: number }[]>`
			select (select count(*) from summary_document where content_hash = ${first.contentHash} and lang = 'ky' and format = 'pdf')::int as rows,
				(select count(*) from pgboss.job where name = 'summary.render' and (data ->> 'documentId')::bigint = ${first.id})::int as jobs`
		)[0]!;
		expect({ rows, jobs }).toEqual({ rows: 1, jobs: 1 });
		// a job run twice renders once
		await summaries.renderSummaryJob(sql, { documentId: first.id });
		const { finishedAt } = (
			await sql<{ finishedAt: Date }[]>`
			select finished_at from summary_document where id = ${first.id}`
		)[0]!;
		await summaries.renderSummaryJob(sql, { documentId: first.id });
		const [after] = await sql<{ finishedAt: Date }[]>`
			select finished_at from summary_document where id = ${first.id}`;
		expect(after!.finishedAt).toEqual(finishedAt);
	});

	it('a change in what it shows (a new deputy) is a new summary with its own hash', async () => {
		const o = { planId, lang: 'ru', format: 'png', origin: ORIGIN };
		const before = await summaries.requestSummary(sql, boss, null, o);
		await transaction(sql, async (tx) => {
			const [d] = await tx<{ id: number }[]>`
				insert into deputy (municipality_id, full_name, sex, active)
				values (${kyshtut}, 'Сынак Айгүл', 'female', true) returning id`;
			const after = await summaries.requestSummary(tx, boss, null, o);
			expect(after.contentHash).not.toBe(before.contentHash);
			expect(after.status).toBe('queued');
			await tx`delete from deputy where id = ${d!.id}`;
			await tx`delete from summary_document where id = ${after.id}`;
		});
	});
});

describe('the summary of a submitted report', () => {
	it('the PDF shows the year’s planned and spent money from the submitted snapshot, with the report’s short link', async () => {
		const [snap] = await sql<{ planned: string; spent: string }[]>`
			select snapshot -> 'summary' -> 'total' ->> 'planned' as planned, snapshot -> 'summary' -> 'total' ->> 'spent' as spent
			from report where local_plan_id = ${planId} and period = '2025' and state = 'submitted' order by version desc limit 1`;
		const { bytes } = await rendered('ky', 'pdf', '2025');
		const r = await readPdf(bytes);
		expect(r.pages).toBe(1);
		expect(r.text).toContain(money(snap!.planned, 'ky'));
		expect(r.text).toContain(money(snap!.spent, 'ky'));
		expect(r.letters).toContain(`${ORIGIN}/s/${planId}/2025`);
		expect(await summaries.shortLinkTarget(sql, { planId, period: '2025' })).toBe(
			`/public/plans/${planId}#report-2025`
		);
	});
});

describe('drafts have no summary', () => {
	it('a plan in draft or before the kenesh, and a draft report, are not found; so are their short links', async () => {
		for (const state of ['draft', 'submitted']) {
			const [p] = await sql<{ id: number }[]>`
				select id from local_plan where state = ${state} order by id limit 1`;
			expect(p, `a demo plan in ${state}`).toBeTruthy();
			for (const format of ['pdf', 'png'])
				expect(
					await refusal(
						summaries.requestSummary(sql, boss, null, {
							planId: p!.id,
							lang: 'ky',
							format,
							origin: ORIGIN
						})
					)
				).toBe('404 error_not_found');
			expect(await refusal(summaries.shortLinkTarget(sql, { planId: p!.id }))).toBe(
				'404 error_not_found'
			);
		}
		// 2026S1 is a draft report of the approved plan
		expect(
			await refusal(
				summaries.requestSummary(sql, boss, null, {
					planId,
					period: '2026S1',
					lang: 'ru',
					format: 'pdf',
					origin: ORIGIN
				})
			)
		).toBe('404 error_not_found');
		expect(await refusal(summaries.shortLinkTarget(sql, { planId, period: '2026S1' }))).toBe(
			'404 error_not_found'
		);
		expect(await summaries.shortLinkTarget(sql, { planId })).toBe(`/public/plans/${planId}`);
		expect(
			await refusal(
				summaries.requestSummary(sql, boss, null, {
					planId,
					lang: 'en',
					format: 'pdf',
					origin: ORIGIN
				})
			)
		).toBe('404 error_not_found');
	});
});
