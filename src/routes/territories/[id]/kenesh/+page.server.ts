import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import * as kenesh from '$lib/server/kenesh';
import { attempt, field, idParam, load as guard, requireActor } from '$lib/server/http';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** What the deputy form sent, kept as typed so a refused form shows it again. */
function deputyInput(form: FormData) {
	return {
		fullName: field(form, 'fullName'),
		sex: field(form, 'sex'),
		termStart: field(form, 'termStart'),
		termEnd: field(form, 'termEnd'),
		isSecretary: form.get('isSecretary') === 'on',
		username: field(form, 'username')
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const id = idParam(event.params.id);
	const territory = await guard(() => territories.page(sql, actor, id));
	if (territory.kind !== 'municipality' && territory.kind !== 'town') error(404, t('error_not_found'));
	const scope = { municipalityId: id, regionId: territory.regionId };
	const deputies = await guard(() => kenesh.listDeputies(sql, actor, scope, { includeRemoved: true }));
	const canManage = kenesh.can(actor, 'manage', scope);
	return {
		territory: { id, kind: territory.kind, nameKy: territory.nameKy, nameRu: territory.nameRu, nameEn: territory.nameEn, ancestors: territory.ancestors },
		deputies,
		share: await kenesh.seatShare(sql, scope),
		canManage,
		logins: canManage ? await kenesh.linkableLogins(sql, actor, scope) : []
	};
};

export const actions: Actions = {
	add: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const input = deputyInput(await event.request.formData());
		const result = await attempt(async () => kenesh.addDeputy(sql, actor, await kenesh.rosterScope(sql, idParam(event.params.id)), input), { action: 'add', formId: 'new', values: input });
		if (!result.ok) return result.failure;
		return { action: 'add', formId: 'new', saved: true };
	},
	update: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const form = await event.request.formData();
		const deputyId = idParam(field(form, 'deputyId'));
		const input = deputyInput(form);
		const formId = `deputy-${deputyId}`;
		const result = await attempt(async () => kenesh.updateDeputy(sql, actor, await kenesh.rosterScope(sql, idParam(event.params.id)), deputyId, input), { action: 'update', formId, values: input });
		if (!result.ok) return result.failure;
		return { action: 'update', formId, saved: true };
	},
	remove: async (event) => {
		const actor = requireActor(event);
		const sql = app.sql();
		const deputyId = idParam(field(await event.request.formData(), 'deputyId'));
		const formId = `deputy-${deputyId}`;
		const result = await attempt(async () => kenesh.removeDeputy(sql, actor, await kenesh.rosterScope(sql, idParam(event.params.id)), deputyId), { action: 'remove', formId });
		if (!result.ok) return result.failure;
		return { action: 'remove', formId, saved: true };
	}
};
