import { error, fail } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import { attempt, field, readUpload, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!territories.can(actor, 'import')) error(403, t('error_forbidden'));
	const sql = app.sql();
	return { regions: await territories.regions(sql) };
};

/** The CSV text from an uploaded file or the text area; a file that is too large or not text is refused before parsing. */
async function csvText(form: FormData): Promise<{ text: string } | { problem: string }> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_BYTES) return { problem: 'import_file_too_large' };
		const bytes = new Uint8Array(await file.arrayBuffer());
		try {
			return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
		} catch {
			return { problem: 'import_not_utf8' };
		}
	}
	const text = field(form, 'csv');
	if (text.length > MAX_BYTES) return { problem: 'import_file_too_large' };
	return { text };
}

async function run(event: Parameters<Actions[string]>[0], dryRun: boolean) {
	const actor = requireActor(event);
	if (!territories.can(actor, 'import')) error(403, t('error_forbidden'));
	// a body over BODY_SIZE_LIMIT cannot be read at all: the same message as a file over 2 MB
	const form = await readUpload(event.request);
	const input = form ? await csvText(form) : { problem: 'import_file_too_large' };
	if ('problem' in input) return fail(413, { report: null, csv: '', message: t(input.problem) });
	const result = await attempt(() => territories.importCsv(app.sql(), actor, input.text, { dryRun }), { csv: input.text });
	if (!result.ok) return result.failure;
	const report = result.value;
	return {
		csv: report.imported > 0 ? '' : input.text,
		report: {
			...report,
			problems: report.problems.map((p) => ({ line: p.line, message: t(p.code, p.params ?? {}) }))
		}
	};
}

export const actions: Actions = {
	check: (event) => run(event, true),
	import: (event) => run(event, false)
};
