import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import * as kenesh from '$lib/server/kenesh';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { LIMITS } from '$lib/limits';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const deputyFields = {
	fullName: f.text(LIMITS.fullName, { required: true, label: 'full_name' }),
	sex: f.optionalChoice(['female', 'male'], { label: 'roster_sex' }),
	termStart: f.date({ label: 'roster_term_start' }),
	termEnd: f.date({ label: 'roster_term_end' }),
	isSecretary: f.checkbox({ label: 'roster_is_secretary' }),
	username: f.text(LIMITS.username, { label: 'roster_login' })
};
const add = f.shape(deputyFields);
const update = f.shape({ deputyId: f.requiredId(), ...deputyFields });
const remove = f.shape({ deputyId: f.requiredId() });

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const id = idParam(event.params.id);
	const territory = await guard(() => territories.page(sql, actor, id));
	if (territory.kind !== 'municipality' && territory.kind !== 'town')
		error(404, t('error_not_found'));
	const scope = { municipalityId: id, regionId: territory.regionId };
	const deputies = await guard(() =>
		kenesh.listDeputies(sql, actor, scope, { includeRemoved: true })
	);
	const canManage = kenesh.canRoster(actor, 'manage', scope);
	return {
		territory: {
			id,
			kind: territory.kind,
			nameKy: territory.nameKy,
			nameRu: territory.nameRu,
			nameEn: territory.nameEn,
			ancestors: territory.ancestors
		},
		deputies,
		share: await kenesh.seatShare(sql, scope),
		canManage,
		logins: canManage ? await kenesh.linkableLogins(sql, actor, scope) : [],
		flash: f.flash(event)
	};
};

export const actions: Actions = {
	add: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const parsed = await f.parseForm(event, add, 'deputy-new');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			async () =>
				kenesh.addDeputy(
					sql,
					actor,
					await kenesh.rosterScope(sql, idParam(event.params.id)),
					parsed.value
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'deputy-new', { message: t('roster_added') });
	},
	update: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const parsed = await f.parseForm(event, update, 'deputy');
		if (!parsed.ok) return parsed.failure;
		const { deputyId, ...input } = parsed.value;
		const result = await attempt(
			async () =>
				kenesh.updateDeputy(
					sql,
					actor,
					await kenesh.rosterScope(sql, idParam(event.params.id)),
					deputyId,
					input
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, `deputy-${deputyId}`);
	},
	remove: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const parsed = await f.parseForm(event, remove, 'remove-deputy');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			async () =>
				kenesh.removeDeputy(
					sql,
					actor,
					await kenesh.rosterScope(sql, idParam(event.params.id)),
					parsed.value.deputyId
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'roster-status', { message: t('roster_removed_done') });
	}
};
