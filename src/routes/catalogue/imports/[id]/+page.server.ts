import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n/href';
import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { idParam, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const job = await guard(() => catalogue.getImport(app.sql(), actor, idParam(event.params.id)));
	// a file still being checked, or checked and not imported, is shown with its report on the import page
	if (job.status === 'checking' || job.status === 'checked')
		redirect(303, localizeHref(`/catalogue/import?check=${job.id}`));
	// translated here: the browser holds only the messages its pages name (vite.config.ts)
	return { job, errorText: job.error ? t(job.error, {}, job.error) : '' };
};
