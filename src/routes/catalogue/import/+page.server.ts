import { error, redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { attempt, field, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!catalogue.can(actor, 'import')) error(403, t('error_forbidden'));
	return { plans: await catalogue.listPlans(app.sql()) };
};

const META_FIELDS = ['key', 'kind', 'titleKy', 'titleRu', 'titleEn', 'periodStart', 'periodEnd', 'status', 'actType', 'actNumber', 'actDate'] as const;

async function readForm(request: Request) {
	const form = await request.formData();
	const file = form.get('file');
	const meta = Object.fromEntries(META_FIELDS.map((k) => [k, field(form, k).slice(0, 500)])) as catalogue.MetaInput;
	const bytes = file instanceof File && file.size > 0 && file.size <= catalogue.MAX_IMPORT_BYTES + 1 ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
	const tooLarge = file instanceof File && file.size > catalogue.MAX_IMPORT_BYTES;
	return { bytes, meta, filename: file instanceof File ? file.name : '', tooLarge };
}

/** The dry-run report as the page shows it: every problem with its line, in the user's language. */
function present(report: catalogue.DryRun) {
	return {
		format: report.format,
		rows: report.rows,
		counts: report.counts,
		existingVersion: report.existingVersion,
		planKey: report.file?.plan.key ?? null,
		problems: report.problems.map((p) => ({ line: p.line, message: t(p.code, p.params ?? {}) }))
	};
}

export const actions: Actions = {
	check: async (event) => {
		const actor = requireActor(event);
		const input = await readForm(event.request);
		if (input.tooLarge) return { meta: input.meta, report: { ...present({ format: null, problems: [{ line: 0, code: 'import_file_too_large_mb', params: { max: 10 } }], rows: 0, counts: null, file: null, existingVersion: null }) } };
		const result = await attempt(() => catalogue.dryRun(app.sql(), actor, input), { meta: input.meta });
		if (!result.ok) return result.failure;
		return { meta: input.meta, filename: input.filename, report: present(result.value) };
	},
	import: async (event) => {
		const actor = requireActor(event);
		const input = await readForm(event.request);
		const result = await attempt(() => catalogue.startImport(app.sql(), app.jobs(), actor, input), { meta: input.meta });
		if (!result.ok) return result.failure;
		const { importId, report } = result.value;
		if (importId === null) return { meta: input.meta, filename: input.filename, report: present(report) };
		redirect(303, localizeHref(`/catalogue/imports/${importId}`));
	}
};
