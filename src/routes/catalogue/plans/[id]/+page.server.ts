import * as app from '$lib/server/app';
import * as catalogue from '$lib/server/catalogue';
import { idParam, load as guard } from '$lib/server/http';
import * as f from '$lib/server/forms';
import type { PageServerLoad } from './$types';

/** A plan's tree with counts: public, like the whole catalogue. `?version=N` opens an earlier version. */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const sql = app.sql();
	const id = idParam(params.id);
	const versionNumber = f.parseQuery(url, { version: f.int(1, 999_999) }).version ?? undefined;
	const plan = await guard(() => catalogue.getPlan(sql, id, { versionNumber }));
	const { file, nodeIds } = await catalogue.planFile(sql, plan.versionId);
	return {
		plan,
		chapters: file.chapters,
		nodeIds: Object.fromEntries(nodeIds),
		versions: await catalogue.planVersions(sql, id),
		canImport: catalogue.can(locals.actor, 'import')
	};
};
