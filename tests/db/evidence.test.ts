/**
 * Evidence files of a report on real PostgreSQL: the type read from the bytes (an HTML page named
 * .pdf is refused, Office files recognised inside their ZIP), the 10 MB and 50 MB limits (the
 * latter raced by parallel uploads on separate connections released by a barrier), who may download
 * what, and the database's freeze of a submitted report's files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as reports from '../../src/lib/server/reports';
import { demoPhoto } from '../../src/lib/server/reports/demo-files';
import { connect, type Sql } from '../../src/lib/server/db';
import { isDomainError } from '../../src/lib/server/errors';
import { actorOf, reportsDemoDb, territoryId, SOATE } from './helpers';

const { sql, url, boss } = await reportsDemoDb();

const pools: Sql[] = Array.from({ length: 6 }, () => connect(url, { max: 1 }));
await Promise.all(pools.map((p) => p`select 1`));
afterAll(async () => {
	await Promise.all(pools.map((p) => p.end({ timeout: 5 })));
	await boss.stop({ graceful: false });
});

const staff = await actorOf(sql, 'kyshtut.staff');
const deputy = await actorOf(sql, 'kyshtut.deputy');
const otherStaff = await actorOf(sql, 'akturpak.staff');
const kyshtut = await territoryId(sql, SOATE.kyshtut);
const { id: planId } = (
	await sql<{ id: number }[]>`
	select id from local_plan where municipality_id = ${kyshtut} and state = 'approved' order by id limit 1`
)[0]!;
const { id: activityId } = (
	await sql<{ id: number }[]>`
	select a.id from activity a join plan_section s on s.id = a.section_id
	where a.local_plan_id = ${planId} order by s.position, a.position, a.id limit 1`
)[0]!;
const DRAFT = '2026S1';
const TODAY = { today: '2026-12-02' };
const MB = 1024 * 1024;

const refusal = async (p: Promise<unknown>) => {
	try {
		await p;
		return 'allowed';
	} catch (e) {
		if (isDomainError(e)) return `${e.status} ${e.code}`;
		throw e;
	}
};
const pdf = (size: number, fill = 0x20) => {
	const bytes = new Uint8Array(size).fill(fill);
	bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
	return bytes;
};
const upload = (bytes: Uint8Array, fileName = 'act.pdf', o: { code?: string; db?: Sql } = {}) =>
	reports.addEvidence(
		o.db ?? sql,
		staff,
		planId,
		o.code ?? DRAFT,
		{ activityId, fileName, bytes },
		TODAY
	);
const filesOfDraft = async () => {
	const [r] = await sql<{ id: number }[]>`
		select id from report where local_plan_id = ${planId} and period = ${DRAFT}`;
	return reports.evidenceOf(sql, r!.id);
};
const clearDraft = async () => {
	for (const f of await filesOfDraft())
		await reports.deleteEvidence(sql, staff, planId, DRAFT, f.id);
};

async function docx(): Promise<Uint8Array> {
	const zip = new JSZip();
	zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
	zip.file('word/document.xml', '<?xml version="1.0"?><w:document/>');
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('the type of a file is read from its content', () => {
	it('an HTML page named .pdf is refused and nothing is stored', async () => {
		const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
		expect(await refusal(upload(html, 'act.pdf'))).toBe('400 report_evidence_bad_type');
		expect(await filesOfDraft()).toEqual([]);
	});

	it('a DOCX and an XLSX are recognised by the parts inside their ZIP, whatever their names; a bare ZIP is refused', async () => {
		const book = new ExcelJS.Workbook();
		book.addWorksheet('Катышуучулар').addRow(['Аты', 'Колу']);
		const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
		await upload(await docx(), 'act.bin');
		await upload(xlsx, 'list.docx');
		const bare = new JSZip();
		bare.file('readme.txt', 'hello');
		expect(
			await refusal(upload(await bare.generateAsync({ type: 'uint8array' }), 'list.xlsx'))
		).toBe('400 report_evidence_bad_type');
		expect((await filesOfDraft()).map((f) => [f.fileName, f.contentType])).toEqual([
			['act.bin', 'docx'],
			['list.docx', 'xlsx']
		]);
		await clearDraft();
	});

	it('stores the SHA-256, size and uploader of the bytes it was given', async () => {
		const photo = demoPhoto();
		const { id, sha256 } = await upload(photo, 'photo.png');
		const [f] = await filesOfDraft();
		expect(f).toMatchObject({
			id,
			contentType: 'png',
			size: photo.length,
			sha256,
			isPublic: false
		});
		expect(f!.uploadedBy).toBeTruthy();
		const file = await reports.evidenceFile(sql, staff, planId, DRAFT, id);
		expect(Buffer.from(file.content).equals(Buffer.from(photo))).toBe(true);
		await clearDraft();
	});
});

describe('the size limits', () => {
	it('a file over 10 MB is refused; one of exactly 10 MB is taken', async () => {
		expect(await refusal(upload(pdf(10 * MB + 1)))).toBe('400 report_evidence_too_large');
		await upload(pdf(10 * MB));
		expect((await filesOfDraft()).length).toBe(1);
		await clearDraft();
	});

	it('parallel uploads of 10 MB each never take a report past 50 MB together', async () => {
		await upload(pdf(9 * MB)); // 9 MB stored: room for four more 10 MB files, not five
		let release!: () => void;
		const barrier = new Promise<void>((r) => (release = r));
		const races = pools.map(async (db) => {
			await barrier;
			return refusal(upload(pdf(10 * MB), 'act.pdf', { db }));
		});
		release();
		const outcomes = await Promise.all(races);
		expect(outcomes.filter((o) => o === 'allowed')).toHaveLength(4);
		expect(outcomes.filter((o) => o === '400 report_evidence_report_full')).toHaveLength(2);
		const total = (await filesOfDraft()).reduce((s, f) => s + f.size, 0);
		expect(total).toBe(49 * MB);
		await clearDraft();
	});
});

describe('who may download what', () => {
	const submitted = async () => {
		const [r] = await sql<{ id: number }[]>`
			select id from report where local_plan_id = ${planId} and period = '2025'`;
		return reports.evidenceOf(sql, r!.id);
	};

	it("the demo's 2025 report has a public photo and a non-public act, both in its snapshot by SHA-256", async () => {
		const files = await submitted();
		expect(files.map((f) => [f.contentType, f.isPublic])).toEqual([
			['png', true],
			['pdf', false]
		]);
		const { snapshot } = (
			await sql<{ snapshot: { evidence: { sha256: string }[] } }[]>`
			select snapshot from report where local_plan_id = ${planId} and period = '2025'`
		)[0]!;
		expect(snapshot.evidence.map((e) => e.sha256)).toEqual(files.map((f) => f.sha256));
	});

	it("a file of another report, or of another municipality's, is not found; the deputy reads a submitted report's files, not a draft's", async () => {
		const { id: draftFile } = await upload(demoPhoto(), 'draft.png');
		const [photo, act] = await submitted();
		// the draft's file through the submitted report's address
		expect(await refusal(reports.evidenceFile(sql, staff, planId, '2025', draftFile))).toBe(
			'404 error_not_found'
		);
		expect(await refusal(reports.evidenceFile(sql, otherStaff, planId, '2025', act!.id))).toBe(
			'404 error_not_found'
		);
		expect(await refusal(reports.evidenceFile(sql, deputy, planId, DRAFT, draftFile))).toBe(
			'404 error_not_found'
		);
		expect(await refusal(reports.evidenceFile(sql, deputy, planId, '2025', act!.id))).toBe(
			'allowed'
		);
		expect(await refusal(reports.evidenceFile(sql, null, planId, '2025', photo!.id))).toBe(
			'404 error_not_found'
		);
		await clearDraft();
	});

	it('the public gets a file only when it is marked public, of a submitted report', async () => {
		const [photo, act] = await submitted();
		const { id: reportId } = (
			await sql<{ id: number }[]>`
			select id from report where local_plan_id = ${planId} and period = '2025'`
		)[0]!;
		expect(await refusal(reports.publicEvidenceFile(sql, planId, reportId, photo!.id))).toBe(
			'allowed'
		);
		expect(await refusal(reports.publicEvidenceFile(sql, planId, reportId, act!.id))).toBe(
			'404 error_not_found'
		);
		const { id: draftFile } = await upload(demoPhoto(), 'draft.png');
		await reports.setEvidencePublic(sql, staff, planId, DRAFT, draftFile, true);
		const { id: draftId } = (
			await sql<{ id: number }[]>`
			select id from report where local_plan_id = ${planId} and period = ${DRAFT}`
		)[0]!;
		expect(await refusal(reports.publicEvidenceFile(sql, planId, draftId, draftFile))).toBe(
			'404 error_not_found'
		);
		expect(await refusal(reports.publicEvidenceFile(sql, planId, reportId, draftFile))).toBe(
			'404 error_not_found'
		);
		expect((await reports.publicEvidence(sql, reportId)).map((f) => f.id)).toEqual([photo!.id]);
		await clearDraft();
	});
});

describe("a submitted report's files", () => {
	it('cannot be added or removed, in SQL itself; only whether one is public may change', async () => {
		const [photo] = await sql<{ id: number; reportId: number }[]>`
			select e.id, e.report_id from report_evidence e join report r on r.id = e.report_id
			where r.local_plan_id = ${planId} and r.period = '2025' order by e.id limit 1`;
		await expect(sql`delete from report_evidence where id = ${photo!.id}`).rejects.toThrow(
			/submitted/
		);
		await expect(
			sql`insert into report_evidence (report_id, activity_id, municipality_id, file_name, content_type, size, sha256, content)
				select report_id, activity_id, municipality_id, 'x.pdf', 'pdf', 5, repeat('0', 64), '\\x255044462d'::bytea
				from report_evidence where id = ${photo!.id}`
		).rejects.toThrow(/submitted/);
		await expect(
			sql`update report_evidence set file_name = 'renamed.png' where id = ${photo!.id}`
		).rejects.toThrow(/submitted/);
		expect(await refusal(upload(demoPhoto(), 'late.png', { code: '2025' }))).toBe(
			'409 error_report_submitted'
		);
		await reports.setEvidencePublic(sql, staff, planId, '2025', photo!.id, false);
		await reports.setEvidencePublic(sql, staff, planId, '2025', photo!.id, true);
		expect(
			await refusal(reports.setEvidencePublic(sql, deputy, planId, '2025', photo!.id, false))
		).toBe('403 error_forbidden');
	});
});

describe('a correction of a submitted report', () => {
	it('starts with the files of the version it corrects; removing one from it leaves that version whole', async () => {
		const files = (reportId: number) =>
			sql<{ sha256: string; isPublic: boolean }[]>`
				select sha256, is_public from report_evidence where report_id = ${reportId} order by id`;
		const [first] = await sql<{ id: number }[]>`
			select id from report where local_plan_id = ${planId} and period = '2025' and version = 1`;
		const correction = await reports.startCorrection(sql, staff, planId, '2025');
		const carried = await files(correction.reportId);
		expect(carried).toEqual(await files(first!.id));
		expect(carried).toHaveLength(2);

		const [copy] = await sql<{ id: number }[]>`
			select id from report_evidence where report_id = ${correction.reportId} order by id limit 1`;
		await reports.deleteEvidence(sql, staff, planId, '2025', copy!.id);
		expect(await files(correction.reportId)).toHaveLength(1);
		expect(await files(first!.id)).toHaveLength(2);
	});
});
