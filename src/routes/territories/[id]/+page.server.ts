import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import * as plans from '$lib/server/plans';
import * as kenesh from '$lib/server/kenesh';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import { localizeHref } from '$lib/i18n/href';
import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/format';
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
		plans: isMunicipality
			? await plans.listForMunicipality(sql, actor, {
					municipalityId: id,
					regionId: territory.regionId
				})
			: [],
		seats: isMunicipality ? await kenesh.seatShare(sql, { municipalityId: id }) : null,
		canCreatePlan:
			isMunicipality &&
			plans.can(actor, 'create', { municipalityId: id, regionId: territory.regionId }),
		flash: f.flash(event),
		// the address other sites frame, in the page's language, on the origin the user reached
		embedSrc: isMunicipality
			? new URL(localizeHref(`/embed/${territory.soateCode}`), event.url.origin).href
			: null,
		municipalities: isMunicipality
			? []
			: await territories
					.municipalities(sql, { regionId: territory.kind === 'rayon' ? territory.regionId : id })
					.then((list) =>
						territories.listedIn(
							territory.kind === 'rayon' ? list.filter((x) => x.parentId === id) : list,
							getLocale() as Locale
						)
					)
	};
};

const profile = f.shape({
	headName: f.text(LIMITS.headName, { label: 'profile_head' }),
	keneshChairName: f.text(LIMITS.keneshChairName, { label: 'profile_chair' }),
	address: f.text(LIMITS.address, { label: 'profile_address' }),
	phone: f.text(LIMITS.phone, { label: 'profile_phone' }),
	email: f.text(LIMITS.email, { label: 'profile_email' }),
	quorumPercent: f.int(50, 100, { label: 'profile_quorum' })
});

export const actions: Actions = {
	profile: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const territory = await territories.ref(sql, idParam(event.params.id));
		if (!territory) error(404, t('error_not_found'));
		const parsed = await f.parseForm(event, profile, 'profile');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			() => territories.updateProfile(sql, actor, territory, parsed.value),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'profile');
	}
};
