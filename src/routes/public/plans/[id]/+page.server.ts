import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import { idParam, load as guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) =>
	guard(() => documents.publicPlan(app.sql(), idParam(params.id)));
