import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/href';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { attempt, field, idParam, load as guard, readUpload, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const META_FIELDS = [
	'key',
	'kind',
	'titleKy',
	'titleRu',
	'titleEn',
	'periodStart',
	'periodEnd',
	'status',
	'actType',
	'actNumber',
	'actDate'
] as const;
const MAX_MB = catalogue.MAX_IMPORT_BYTES / 1024 / 1024;

/** The check's report as the page shows it: every problem with its line, in the reader's language. */
function present(report: catalogue.CheckReport) {
	return {
		format: report.format,
		rows: report.rows,
		counts: report.counts,
		existingVersion: report.existingVersion,
		planKey: report.planKey,
		problems: report.problems.map((p) => ({ line: p.line, message: t(p.code, p.params ?? {}) }))
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!catalogue.can(actor, 'import')) error(403, t('error_forbidden'));
	const sql = app.sql();
	const checkId = event.url.searchParams.get('check');
	let check = null;
	if (checkId) {
		const row = await guard(() => catalogue.getImport(sql, actor, idParam(checkId)));
		// an "Import" whose check passed is loading by now: watch it on its progress page
		if (row.status !== 'checking' && row.status !== 'checked')
			redirect(303, localizeHref(`/catalogue/imports/${row.id}`));
		const report = row.report ? present(row.report) : null;
		check = {
			id: row.id,
			status: row.status,
			filename: row.filename,
			meta: row.meta,
			report,
			canImport: !!report && report.problems.length === 0 && !!report.counts
		};
	}
	return { plans: await catalogue.listPlans(sql), check };
};

/** Keeps the uploaded file and queues its check; the page then waits for the report. */
async function upload(event: RequestEvent, thenImport: boolean) {
	const actor = requireActor(event);
	if (!catalogue.can(actor, 'import')) error(403, t('error_forbidden'));
	const form = await readUpload(event.request);
	if (!form) return fail(413, { message: t('import_file_too_large_mb', { max: MAX_MB }) });
	const meta = Object.fromEntries(
		META_FIELDS.map((k) => [k, field(form, k).slice(0, 500)])
	) as catalogue.MetaInput;
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0)
		return fail(400, { meta, message: t('import_empty') });
	if (file.size > catalogue.MAX_IMPORT_BYTES)
		return fail(413, { meta, message: t('import_file_too_large_mb', { max: MAX_MB }) });
	const bytes = new Uint8Array(await file.arrayBuffer());
	const result = await attempt(
		() =>
			catalogue.queueCheck(app.sql(), app.jobs(), actor, {
				bytes,
				meta,
				filename: file.name,
				thenImport
			}),
		{ meta }
	);
	if (!result.ok) return result.failure;
	redirect(303, localizeHref(`/catalogue/import?check=${result.value}`));
}

export const actions: Actions = {
	check: (event) => upload(event, false),
	import: (event) => upload(event, true),
	/** "Import the checked file": loads what a clean check kept, without sending the file again. */
	importChecked: async (event) => {
		const actor = requireActor(event);
		const id = idParam(field(await event.request.formData(), 'id'));
		const result = await attempt(() => catalogue.importChecked(app.sql(), app.jobs(), actor, id));
		if (!result.ok) return result.failure;
		redirect(303, localizeHref(`/catalogue/imports/${id}`));
	}
};
