/** Queues the render of a submitted report's documents (both languages, PDF and XLSX) in the caller's transaction. */
import type { PgBoss } from 'pg-boss';
import type { Sql } from '../db';
import { sendInTransaction } from '../jobs';

export async function queueReportDocuments(
	tx: Sql,
	boss: PgBoss,
	reportId: number,
	municipalityId: number,
	hash: string
): Promise<void> {
	const rows = await tx<{ id: number }[]>`
		insert into report_document (report_id, municipality_id, lang, format, content_hash)
		select ${reportId}, ${municipalityId}, l, f, ${hash}
		from unnest(array['ky', 'ru']) l cross join unnest(array['pdf', 'xlsx']) f
		on conflict (report_id, lang, format, content_hash) do nothing
		returning id`;
	for (const r of rows) await sendInTransaction(boss, tx, 'report.render', { documentId: r.id });
}
