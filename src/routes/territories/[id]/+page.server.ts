import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import * as plans from '$lib/server/plans';
import * as kenesh from '$lib/server/kenesh';
import { attempt, field, idParam, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const id = idParam(event.params.id);
	const territory = await guard(() => territories.page(sql, actor, id));
	const isMunicipality = territory.kind === 'municipality' || territory.kind === 'town';
	return {
		territory,
		planFilter: event.url.searchParams.get('plans') === 'submitted' ? ('submitted' as const) : null,
		profile: isMunicipality ? await territories.getProfile(sql, id) : null,
		canEditProfile: territories.can(actor, 'edit_profile', territory),
		plans: isMunicipality ? await plans.listForMunicipality(sql, actor, { municipalityId: id, regionId: territory.regionId }) : [],
		seats: isMunicipality ? await kenesh.seatShare(sql, { municipalityId: id }) : null,
		canCreatePlan: isMunicipality && plans.can(actor, 'create', { municipalityId: id, regionId: territory.regionId }),
		municipalities: isMunicipality ? [] : await territories.municipalities(sql, { regionId: territory.kind === 'rayon' ? territory.regionId : id }).then((list) => (territory.kind === 'rayon' ? list.filter((x) => x.parentId === id) : list))
	};
};

export const actions: Actions = {
	profile: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const id = idParam(event.params.id);
		const territory = await territories.ref(sql, id);
		if (!territory) error(404, t('error_not_found'));
		const form = await event.request.formData();
		const input = {
			headName: field(form, 'headName'),
			keneshChairName: field(form, 'keneshChairName'),
			address: field(form, 'address'),
			phone: field(form, 'phone'),
			email: field(form, 'email'),
			quorumPercent: /^\d{1,3}$/.test(field(form, 'quorumPercent')) ? Number(field(form, 'quorumPercent')) : field(form, 'quorumPercent') === '' ? null : -1
		};
		const result = await attempt(() => territories.updateProfile(sql, actor, territory, input), { profile: input });
		if (!result.ok) return result.failure;
		return { saved: true };
	}
};
