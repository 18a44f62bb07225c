import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as expertise from '$lib/server/expertise';
import { idParam, load as guard } from '$lib/server/http';
import { PRINT_LANGS, type PrintLang } from '$lib/expertise/vocabulary';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

// The checklist is a page or two: it is rendered in the request, not queued like a plan's PDF.
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.actor) error(403, t('error_forbidden'));
	const lang = params.lang as PrintLang;
	if (!PRINT_LANGS.includes(lang)) error(404, t('error_not_found'));
	const id = idParam(params.aid);
	const act = await guard(() => expertise.get(app.sql(), locals.actor, id));
	const pdf = await expertise.renderChecklistPdf(act, lang);
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="gender-expertise-${id}-${lang}.pdf"`,
			// the checklist changes while it is filled: always the stored state
			'cache-control': 'private, no-store'
		}
	});
};
