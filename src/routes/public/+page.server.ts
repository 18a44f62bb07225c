import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import type { PageServerLoad } from './$types';

/** Approved plans for everyone, without login: transparency for citizens. Drafts never appear. */
export const load: PageServerLoad = async () => ({ plans: await documents.publicPlans(app.sql()) });
