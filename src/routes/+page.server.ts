import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import { requireActor } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/format';
import type { PageServerLoad } from './$types';

/** Each role's home: what it can do next, for the territory it works in. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const roles = actor.memberships.map((m) => m.role);
	const home = actor.memberships[0];
	const municipality =
		home && (home.role === 'staff' || home.role === 'deputy') && home.territoryId
			? await territories.page(sql, actor, home.territoryId)
			: null;
	const oblastMunicipalities =
		home?.role === 'oblast' && home.territoryId
			? territories.listedIn(
					await territories.municipalities(sql, { regionId: home.territoryId }),
					getLocale() as Locale
				)
			: null;

	const regions =
		roles.includes('national') || roles.includes('admin') ? await territories.regions(sql) : null;
	return {
		memberships: actor.memberships,
		municipality,
		oblastMunicipalities,
		// the oblast's KG code names its dashboard and its statisticians' downloads
		// (`/api/v1/exports/adx.xml?oblast=KG05`); the actor carries it
		oblastStatCode: home?.role === 'oblast' ? home.territoryStatCode : null,
		regions
	};
};
