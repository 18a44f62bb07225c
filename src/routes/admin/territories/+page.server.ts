import { error, fail } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import { attempt, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!territories.can(actor, 'import')) error(403, t('error_forbidden'));
	const sql = app.sql();
	return { regions: await territories.regions(sql), flash: f.flash(event) };
};

const upload = f.shape({ file: f.file(), csv: f.text(MAX_BYTES, { label: 'import_paste' }) });

/** The CSV text from an uploaded file or the text area; a file that is too large or not text is refused before parsing. */
async function csvText(input: {
	file: File | null;
	csv: string;
}): Promise<{ text: string } | { problem: string }> {
	const file = input.file;
	if (file) {
		if (file.size > MAX_BYTES) return { problem: 'import_file_too_large' };
		const bytes = new Uint8Array(await file.arrayBuffer());
		try {
			return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
		} catch {
			return { problem: 'import_not_utf8' };
		}
	}
	return { text: input.csv };
}

async function run(event: Parameters<Actions[string]>[0], dryRun: boolean) {
	const actor = requireActor(event);
	if (!territories.can(actor, 'import')) error(403, t('error_forbidden'));
	const parsed = await f.parseForm(event, upload, 'territory-import');
	if (!parsed.ok) return parsed.failure;
	const input = await csvText(parsed.value);
	if ('problem' in input)
		return fail(400, { ...parsed.submitted, errors: {}, message: t(input.problem) });
	const result = await attempt(
		() => territories.importCsv(app.sql(), actor, input.text, { dryRun }),
		parsed.submitted
	);
	if (!result.ok) return result.failure;
	const report = {
		...result.value,
		problems: result.value.problems.map((p) => ({
			line: p.line,
			message: t(p.code, p.params ?? {})
		}))
	};
	if (report.problems.length > 0) {
		return fail(400, {
			...parsed.submitted,
			values: { csv: input.text },
			errors: {},
			message: t('import_has_problems', { count: report.problems.length, rows: report.rows }),
			report
		});
	}
	if (!dryRun)
		f.done(event, 'territory-import', { message: t('import_done', { rows: report.imported }) });
	return { csv: input.text, report };
}

export const actions: Actions = {
	check: (event) => run(event, true),
	import: (event) => run(event, false)
};
