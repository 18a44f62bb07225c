import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import * as hearings from '$lib/server/hearings';
import type { PageServerLoad } from './$types';

/** Approved plans and the latest public hearings for everyone, without login: transparency for citizens. Drafts never appear. */
export const load: PageServerLoad = async () => ({
	plans: await documents.publicPlans(app.sql()),
	hearings: await hearings.publicHearings(app.sql(), { limit: 20 })
});
