import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { attempt, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!catalogue.can(actor, 'import')) error(403, t('error_forbidden'));
	return { plans: await catalogue.listPlans(app.sql()) };
};

const meta = (label: string) => f.text(LIMITS.metaField, { label });
const upload = f.shape({
	file: f.file(),
	key: meta('catalogue_key'),
	kind: f.optionalChoice(['gender_nap', 'nap_1325', 'other'], { label: 'catalogue_kind' }),
	status: f.optionalChoice(['draft', 'adopted', 'superseded'], { label: 'catalogue_status_field' }),
	titleKy: meta('catalogue_title_ky'),
	titleRu: meta('catalogue_title_ru'),
	titleEn: meta('catalogue_title_en'),
	periodStart: f.int(f.YEARS.min, f.YEARS.max, { label: 'catalogue_period_start' }),
	periodEnd: f.int(f.YEARS.min, f.YEARS.max, { label: 'catalogue_period_end' }),
	actType: f.text(LIMITS.metaField),
	actNumber: meta('catalogue_act_number'),
	actDate: f.date({ label: 'catalogue_act_date' })
});

async function readForm(event: RequestEvent) {
	if (!catalogue.can(event.locals.actor, 'import')) error(403, t('error_forbidden'));
	const parsed = await f.parseForm(event, upload, 'catalogue-import');
	if (!parsed.ok) return parsed;
	const { file, periodStart, periodEnd, ...rest } = parsed.value;
	const meta: catalogue.MetaInput = { ...rest, periodStart: periodStart ?? '', periodEnd: periodEnd ?? '' };
	const tooLarge = !!file && file.size > catalogue.MAX_IMPORT_BYTES;
	const bytes = file && !tooLarge ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
	return { ok: true as const, submitted: parsed.submitted, input: { bytes, meta, filename: file?.name ?? '', tooLarge } };
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
		const read = await readForm(event);
		if (!read.ok) return read.failure;
		const { input, submitted } = read;
		if (input.tooLarge) return { meta: input.meta, report: { ...present({ format: null, problems: [{ line: 0, code: 'import_file_too_large_mb', params: { max: 10 } }], rows: 0, counts: null, file: null, existingVersion: null }) } };
		const result = await attempt(() => catalogue.dryRun(app.sql(), actor, input), { ...submitted, meta: input.meta });
		if (!result.ok) return result.failure;
		return { meta: input.meta, filename: input.filename, report: present(result.value) };
	},
	import: async (event) => {
		const actor = requireActor(event);
		const read = await readForm(event);
		if (!read.ok) return read.failure;
		const { input, submitted } = read;
		const result = await attempt(() => catalogue.startImport(app.sql(), app.jobs(), actor, input), { ...submitted, meta: input.meta });
		if (!result.ok) return result.failure;
		const { importId, report } = result.value;
		if (importId === null) {
			const shown = present(report);
			return fail(400, { ...submitted, errors: {}, message: t('import_has_problems', { count: shown.problems.length, rows: shown.rows }), meta: input.meta, filename: input.filename, report: shown });
		}
		redirect(303, localizeHref(`/catalogue/imports/${importId}`));
	}
};
