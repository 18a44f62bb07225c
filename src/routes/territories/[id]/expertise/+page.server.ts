import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import * as expertise from '$lib/server/expertise';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { ACT_KINDS, EXPERTISE_LIMITS } from '$lib/expertise/vocabulary';
import { localizeHref } from '$lib/i18n/href';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const register = f.shape({
	kind: f.choice(ACT_KINDS, { label: 'expertise_kind' }),
	titleKy: f.text(EXPERTISE_LIMITS.title, { label: 'expertise_title_ky' }),
	titleRu: f.text(EXPERTISE_LIMITS.title, { label: 'expertise_title_ru' }),
	number: f.text(EXPERTISE_LIMITS.number, { label: 'expertise_number' }),
	actDate: f.date({ label: 'expertise_date' })
});

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const id = idParam(event.params.id);
	const territory = await guard(() => territories.page(sql, actor, id));
	if (territory.kind !== 'municipality' && territory.kind !== 'town')
		error(404, t('error_not_found'));
	const scope = { municipalityId: id, regionId: territory.regionId };
	return {
		territory: {
			id,
			nameKy: territory.nameKy,
			nameRu: territory.nameRu,
			nameEn: territory.nameEn,
			ancestors: territory.ancestors
		},
		acts: await guard(() => expertise.list(sql, actor, scope)),
		canEdit: expertise.can(actor, 'edit', scope),
		flash: f.flash(event)
	};
};

export const actions: Actions = {
	register: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, register, 'act-new');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			async () =>
				expertise.create(
					app.sql(),
					actor,
					await expertise.scopeOf(app.sql(), idParam(event.params.id)),
					parsed.value
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'checklist', {
			message: t('expertise_registered'),
			to: localizeHref(`/expertise/${result.value}`)
		});
	}
};
