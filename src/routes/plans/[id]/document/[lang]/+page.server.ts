import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import { idParam, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { PageServerLoad } from './$types';

/** Asks for the plan's PDF and shows its progress; a second visit for the same content is instant. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const lang = event.params.lang as documents.DocLang;
	if (!documents.DOC_LANGS.includes(lang)) error(404, t('error_not_found'));
	const planId = idParam(event.params.id);
	const doc = await guard(() => documents.requestPdf(app.sql(), app.jobs(), actor, planId, lang));
	const [p] = await app.sql()<
		{ title: string }[]
	>`select title from local_plan where id = ${planId}`;
	return {
		planId,
		title: p.title,
		doc,
		unprintable: await documents.hasUnprintableText(app.sql(), planId)
	};
};
