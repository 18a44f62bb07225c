import * as app from '$lib/server/app';
import { serverRendered } from '$lib/server-rendered';
import * as documents from '$lib/server/documents';
import * as hearings from '$lib/server/hearings';
import * as monitoring from '$lib/server/monitoring';
import type { PageServerLoad } from './$types';

// the public list and figures is read, sorted and filtered through links and GET forms: the page needs no script,
// so none is sent, nor its data again for hydration (serverRendered: half the bytes on a slow line)
export const csr = false;

/**
 * Approved plans for everyone, without login: transparency for citizens, with the national and
 * oblast figures over approved plans and submitted reports and the latest public hearings. Drafts
 * never appear.
 */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const sql = app.sql();
	const oblast = oblastParam(url.searchParams.get('oblast'));
	const page = pageParam(url.searchParams.get('page'));
	const [list, figures, recent] = await Promise.all([
		documents.publicPlanPage(sql, { oblast, page }),
		monitoring.publicOblasts(sql),
		hearings.publicHearings(sql, { limit: 20 })
	]);
	return {
		view: serverRendered(event, {
			list: { ...list, pageSize: documents.PUBLIC_PAGE_SIZE, oblast },
			figures,
			hearings: recent
		})
	};
};

/** An oblast's KG code (KG05), or none for the whole country: anything else lists every oblast. */
function oblastParam(value: string | null): string | null {
	return value && /^KG\d{2}$/.test(value) ? value : null;
}

/** A page number from the link; a missing or garbled one is the first page. */
function pageParam(value: string | null): number {
	const n = Number(value);
	return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}
