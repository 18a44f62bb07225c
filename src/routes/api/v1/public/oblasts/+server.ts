import * as app from '$lib/server/app';
import * as monitoring from '$lib/server/monitoring';
import { cachedJson } from '$lib/server/api/cached';
import type { RequestHandler } from './$types';

/** GET /api/v1/public/oblasts — the country's and each oblast's figures over approved plans and submitted reports. */
export const GET: RequestHandler = async ({ request }) => {
	const { national, oblasts } = await monitoring.publicOblasts(app.sql());
	return cachedJson(request, {
		apiVersion: 'v1',
		country: { code: 'KG', ...national },
		oblasts: oblasts.map(({ kind, statCode, soateCode, nameKy, nameRu, nameEn, ...figures }) => ({
			code: statCode,
			kind,
			soateCode,
			name: { ky: nameKy, ru: nameRu, en: nameEn },
			...figures
		}))
	});
};
