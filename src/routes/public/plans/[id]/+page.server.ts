import { localizeHref } from '$lib/i18n/href';
import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import * as reports from '$lib/server/reports';
import * as hearings from '$lib/server/hearings';
import { idParam, load as guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** An approved plan, for everyone, with its submitted implementation reports. */
export const load: PageServerLoad = async ({ params, url }) => {
	const sql = app.sql();
	const id = idParam(params.id);
	return guard(async () => ({
		...(await documents.publicPlan(sql, id)),
		reports: await reports.publicReports(sql, id),
		// the link the summaries print, in the page's language
		shortLink: new URL(localizeHref(`/s/${id}`), url.origin).href,
		hearings: await hearings.publicHearings(sql, { planId: id })
	}));
};
