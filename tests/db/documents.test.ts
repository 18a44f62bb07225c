import { afterAll, describe, expect, it } from 'vitest';
import * as documents from '../../src/lib/server/documents';
import { readPdf } from '../../src/lib/server/documents/read-pdf';
import { seedDemo } from '../../src/lib/server/demo';
import { startBoss } from '../../src/lib/server/jobs';
import { HANDLERS } from '../../src/lib/server/app';
import { actorOf, demoDb } from './helpers';

const { sql, url } = await demoDb();
const boss = await startBoss({ databaseUrl: url, sql, work: true, handlers: HANDLERS });
afterAll(() => boss.stop({ graceful: true, timeout: 10_000 }));
await seedDemo(sql, { boss });
const staff = await actorOf(sql, 'akturpak.staff');
const kyshtutStaff = await actorOf(sql, 'kyshtut.staff');

const plansOf = async (state: string) =>
	await sql<
		{ id: number; title: string }[]
	>`select id, title from local_plan where state = ${state} order by id`;

async function finished(documentId: number) {
	const until = Date.now() + 60_000;
	for (;;) {
		const doc = await documents.documentStatus(sql, documentId);
		if (doc && (doc.status === 'done' || doc.status === 'failed')) return doc;
		if (Date.now() > until) throw new Error('render timed out');
		await new Promise((r) => setTimeout(r, 250));
	}
}

describe('public plans', () => {
	it('list only approved plans; drafts and submitted plans are not found', async () => {
		const [approved] = await plansOf('approved');
		const [draft] = await plansOf('draft');
		const [submitted] = await plansOf('submitted');
		expect((await documents.publicPlans(sql)).map((p) => p.id)).toEqual([approved!.id]);
		await expect(documents.publicPlan(sql, draft!.id)).rejects.toMatchObject({ status: 404 });
		await expect(documents.publicPlan(sql, submitted!.id)).rejects.toMatchObject({ status: 404 });
		await expect(
			documents.requestPdf(sql, boss, null, draft!.id, 'ky', { publicOnly: true })
		).rejects.toMatchObject({ status: 404 });
		const { plan, view } = await documents.publicPlan(sql, approved!.id);
		expect(plan).toMatchObject({
			decisionNumber: '7',
			decisionDate: '2025-04-15',
			municipality: { soateCode: '41705214835000' }
		});
		expect(view.sections.flatMap((s) => s.activities)).toHaveLength(5);
		// the frozen snapshot keeps its keys as written (funding codes are data, not column names)
		expect(view.summary.total.bySource.local_budget).toBe('1060000.00');
	});
});

describe('plan documents', () => {
	it('approval queued both languages; the PDF holds the activities, the totals and the Kyrgyz letters', async () => {
		const [approved] = await plansOf('approved');
		const doc = await documents.requestPdf(sql, boss, null, approved!.id, 'ky', {
			publicOnly: true
		});
		const done = await finished(doc.id);
		expect(done.status).toBe('done');
		const bytes = (await documents.documentBytes(sql, approved!.id, doc.id))!;
		const { text, letters } = await readPdf(bytes.pdf);
		expect(text).toMatch(/ң/);
		expect(text).toMatch(/ө/);
		expect(text).toMatch(/ү/);
		expect(letters).toContain('1325-резолюция');
		expect(text).toContain('1 060 000');
		expect(letters).toContain(bytes.contentHash);
		expect(letters).not.toMatch(/ДОЛБООР/);
	});

	it('a second request for the same content is the same finished document, at once', async () => {
		const [approved] = await plansOf('approved');
		const first = await documents.requestPdf(sql, boss, null, approved!.id, 'ru', {
			publicOnly: true
		});
		await finished(first.id);
		const again = await documents.requestPdf(sql, boss, null, approved!.id, 'ru', {
			publicOnly: true
		});
		expect(again).toMatchObject({ id: first.id, status: 'done' });
	});

	it("a draft's PDF carries the draft watermark; staff of another municipality cannot ask for it", async () => {
		const [draft] = await plansOf('draft');
		await expect(
			documents.requestPdf(sql, boss, kyshtutStaff, draft!.id, 'ky')
		).rejects.toMatchObject({ status: 403 });
		const doc = await documents.requestPdf(sql, boss, staff, draft!.id, 'ky');
		expect((await finished(doc.id)).status).toBe('done');
		expect(
			(await readPdf((await documents.documentBytes(sql, draft!.id, doc.id))!.pdf)).letters
		).toMatch(/ДОЛБООР/);
	});
});
