import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as documents from '$lib/server/documents';
import * as hearings from '$lib/server/hearings';
import * as territories from '$lib/server/territories';
import { idParam } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { PageServerLoad } from './$types';

/** A municipality for everyone: its announced public hearings and its approved plans. */
export const load: PageServerLoad = async ({ params }) => {
	const sql = app.sql();
	const id = idParam(params.id);
	const territory = await territories.ref(sql, id);
	if (!territory || (territory.kind !== 'municipality' && territory.kind !== 'town'))
		error(404, t('error_not_found'));
	const [list, plans] = await Promise.all([
		hearings.publicHearings(sql, { municipalityId: id }),
		documents.publicPlans(sql, { municipalityId: id })
	]);
	return {
		municipality: {
			id,
			nameKy: territory.nameKy,
			nameRu: territory.nameRu,
			nameEn: territory.nameEn
		},
		hearings: list,
		plans
	};
};
