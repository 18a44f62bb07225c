/**
 * Evidence files of a report (issue [10] item 6): photos, signed acts, attendance lists, attached to
 * one activity. Kept in PostgreSQL (report_evidence.content, bytea): a backup of the database is
 * then complete, a file is stored in the same transaction as the report it changes, and the
 * database freezes it with its submitted report. The type is read from the bytes, never the name.
 */
import { createHash } from 'node:crypto';
import type { Sql } from '../db';
import { transaction } from '../db';
import type { Actor } from '../auth/actor';
import * as audit from '../audit';
import { DomainError, Forbidden } from '../errors';
import { readDirectory, checkZip, type ZipLimits } from '../zip';
import { approvedPlan, touch, withReportLock } from './reports';
import { can } from './permissions';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_REPORT_EVIDENCE_BYTES = 50 * 1024 * 1024;
const OFFICE_LIMITS: ZipLimits = { maxEntries: 500, maxTotalBytes: 64 * 1024 * 1024 };

export const EVIDENCE_TYPES = ['pdf', 'jpeg', 'png', 'docx', 'xlsx'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const MIME: Record<EvidenceType, string> = {
	pdf: 'application/pdf',
	jpeg: 'image/jpeg',
	png: 'image/png',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

const starts = (bytes: Uint8Array, magic: number[]) =>
	bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** What the file is, by its first bytes (and, for a ZIP, the parts an Office document must have); null for anything else. */
export async function detectType(bytes: Uint8Array): Promise<EvidenceType | null> {
	if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
	if (starts(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (!starts(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
	// the directory first (cheap, bounded), then every entry inflated within its declared size
	const dir = readDirectory(bytes, OFFICE_LIMITS);
	if (!dir.ok) return null;
	const names = new Set(dir.entries.map((e) => e.name));
	if (!names.has('[Content_Types].xml')) return null;
	const kind = names.has('word/document.xml')
		? 'docx'
		: names.has('xl/workbook.xml')
			? 'xlsx'
			: null;
	if (!kind) return null;
	return (await checkZip(bytes, OFFICE_LIMITS)).ok ? kind : null;
}

export interface EvidenceFile {
	id: number;
	activityId: number;
	fileName: string;
	contentType: EvidenceType;
	size: number;
	sha256: string;
	uploadedBy: string | null;
	uploadedAt: Date;
	isPublic: boolean;
}

/** The files of a report, without their bytes, oldest first. */
export async function evidenceOf(sql: Sql, reportId: number | null): Promise<EvidenceFile[]> {
	if (reportId === null) return [];
	return sql<EvidenceFile[]>`
		select e.id, e.activity_id, e.file_name, e.content_type, e.size, e.sha256,
			u.full_name as uploaded_by, e.uploaded_at, e.is_public
		from report_evidence e
		left join app_user u on u.id = e.uploaded_by
		where e.report_id = ${reportId}
		order by e.uploaded_at, e.id`;
}

/** A name safe to store and to put in a Content-Disposition header: no path, no control characters. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
	return (clean || 'file').slice(0, 255);
}

export interface EvidenceInput {
	activityId: number;
	fileName: string;
	bytes: Uint8Array;
}

/**
 * Attaches a file to an activity of a draft report: its type read from its content, at most 10 MB,
 * and the report's files together at most 50 MB — decided under the report's lock, so parallel
 * uploads cannot pass it together. Nothing is stored when a check fails.
 */
export async function addEvidence(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	input: EvidenceInput,
	o: { today?: string } = {}
): Promise<{ id: number; sha256: string }> {
	return withReportLock(
		sql,
		actor,
		planId,
		code,
		'edit',
		async (tx, report, who) => {
			const [activity] = await tx`
				select 1 from activity where id = ${input.activityId} and local_plan_id = ${planId}`;
			if (!activity) throw new DomainError('error_not_found', 404);
			const { bytes } = input;
			if (bytes.length === 0) throw new DomainError('report_evidence_empty', 400, {}, 'file');
			if (bytes.length > MAX_EVIDENCE_BYTES)
				throw new DomainError('report_evidence_too_large', 400, { max: 10 }, 'file');
			const type = await detectType(bytes);
			if (!type) throw new DomainError('report_evidence_bad_type', 400, {}, 'file');
			const { total } = (
				await tx<{ total: number }[]>`
				select coalesce(sum(size), 0)::int as total from report_evidence where report_id = ${report.id}`
			)[0]!;
			if (total + bytes.length > MAX_REPORT_EVIDENCE_BYTES)
				throw new DomainError('report_evidence_report_full', 400, { max: 50 }, 'file');
			const sha256 = createHash('sha256').update(bytes).digest('hex');
			const { id } = (
				await tx<{ id: number }[]>`
				insert into report_evidence
					(report_id, activity_id, municipality_id, file_name, content_type, size, sha256, content, uploaded_by)
				values (${report.id}, ${input.activityId}, ${report.municipalityId}, ${cleanFileName(input.fileName)},
					${type}, ${bytes.length}, ${sha256}, ${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)}, ${who.id})
				returning id`
			)[0]!;
			await touch(tx, report);
			await audit.record(tx, {
				userId: who.id,
				municipalityId: report.municipalityId,
				entity: 'report_evidence',
				entityId: id,
				action: 'create',
				after: { activityId: input.activityId, type, size: bytes.length, sha256 }
			});
			return { id, sha256 };
		},
		o
	);
}

/** Removes a file from a draft report; a file of another report is not found. */
export async function deleteEvidence(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	evidenceId: number
): Promise<void> {
	await withReportLock(sql, actor, planId, code, 'edit', async (tx, report, who) => {
		const deleted = await tx`
			delete from report_evidence where id = ${evidenceId} and report_id = ${report.id} returning id`;
		if (deleted.length === 0) throw new DomainError('error_not_found', 404);
		await touch(tx, report);
		await audit.record(tx, {
			userId: who.id,
			municipalityId: report.municipalityId,
			entity: 'report_evidence',
			entityId: evidenceId,
			action: 'delete'
		});
	});
}

/**
 * Marks a file public or not — also on a submitted report: consent to publish a photo is not what
 * the report says (the database lets only this column change once it is submitted).
 */
export async function setEvidencePublic(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	evidenceId: number,
	isPublic: boolean
): Promise<void> {
	const plan = await approvedPlan(sql, actor, planId, 'edit');
	await transaction(sql, async (tx) => {
		const [report] = await tx<{ id: number }[]>`
			select r.id from report r
			where r.local_plan_id = ${planId} and r.period = ${code}
				-- the version that holds the file (a correction holds copies of its own)
				and exists (select 1 from report_evidence e where e.id = ${evidenceId} and e.report_id = r.id)
			for update`;
		if (!report) throw new DomainError('error_not_found', 404);
		const updated = await tx`
			update report_evidence set is_public = ${isPublic}
			where id = ${evidenceId} and report_id = ${report.id} returning id`;
		if (updated.length === 0) throw new DomainError('error_not_found', 404);
		await audit.record(tx, {
			userId: plan.actor.id,
			municipalityId: plan.municipalityId,
			entity: 'report_evidence',
			entityId: evidenceId,
			action: 'update',
			after: { isPublic }
		});
	});
}

export interface EvidenceDownload {
	fileName: string;
	contentType: EvidenceType;
	sha256: string;
	content: Uint8Array;
}

async function fileOf(
	sql: Sql,
	reportId: number,
	evidenceId: number,
	o: { onlyPublic: boolean }
): Promise<EvidenceDownload> {
	const [file] = await sql<EvidenceDownload[]>`
		select file_name, content_type, sha256, content
		from report_evidence
		where id = ${evidenceId} and report_id = ${reportId} and (is_public or not ${o.onlyPublic})`;
	if (!file) throw new DomainError('error_not_found', 404);
	return file;
}

/** A file for whoever may read its report: the staff while it is a draft, every reader of the plan once submitted. */
export async function evidenceFile(
	sql: Sql,
	actor: Actor | null,
	planId: number,
	code: string,
	evidenceId: number
): Promise<EvidenceDownload> {
	// one who may not read the plan learns nothing, not even that the file exists
	const plan = await approvedPlan(sql, actor, planId, 'read').catch((e) => {
		if (e instanceof Forbidden) throw new DomainError('error_not_found', 404);
		throw e;
	});
	const [report] = await sql<{ id: number; state: string }[]>`
		select r.id, r.state from report r
		where r.local_plan_id = ${planId} and r.period = ${code}
			-- the version that holds the file: an earlier one stays readable after a correction
			and exists (select 1 from report_evidence e where e.id = ${evidenceId} and e.report_id = r.id)`;
	if (!report || (report.state !== 'submitted' && !can(actor, 'read_draft', plan)))
		throw new DomainError('error_not_found', 404);
	return fileOf(sql, report.id, evidenceId, { onlyPublic: false });
}

/** A file for the public: only one marked public, of a submitted report of an approved plan. */
export async function publicEvidenceFile(
	sql: Sql,
	planId: number,
	reportId: number,
	evidenceId: number
): Promise<EvidenceDownload> {
	const [report] = await sql`
		select r.id
		from report r join local_plan p on p.id = r.local_plan_id
		where r.id = ${reportId} and r.local_plan_id = ${planId}
			and r.state = 'submitted' and p.state = 'approved'`;
	if (!report) throw new DomainError('error_not_found', 404);
	return fileOf(sql, reportId, evidenceId, { onlyPublic: true });
}

/** The public files of a submitted report, as the public report lists them. */
export async function publicEvidence(sql: Sql, reportId: number) {
	return sql<
		{
			id: number;
			activityId: number;
			fileName: string;
			contentType: EvidenceType;
			size: number;
			sha256: string;
		}[]
	>`
		select id, activity_id, file_name, content_type, size, sha256
		from report_evidence
		where report_id = ${reportId} and is_public
		order by uploaded_at, id`;
}

/**
 * The answer that hands a file over: always a download, never shown inline, its type the one read
 * from its bytes, and a sandbox CSP should a browser still try to render it.
 */
export function evidenceResponse(file: EvidenceDownload, o: { public: boolean }): Response {
	const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
	return new Response(new Uint8Array(file.content) as BodyInit, {
		headers: {
			'content-type': MIME[file.contentType],
			'content-length': String(file.content.length),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			'cache-control': o.public ? 'public, max-age=3600' : 'private, no-store',
			etag: `"${file.sha256}"`
		}
	});
}
