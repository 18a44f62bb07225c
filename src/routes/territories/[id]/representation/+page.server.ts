import { error, fail, redirect } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as territories from '$lib/server/territories';
import * as representation from '$lib/server/representation';
import { attempt, idParam, load as guard, requireActor } from '$lib/server/http';
import * as f from '$lib/server/forms';
import { MAX_UPLOAD_BYTES } from '$lib/server/limits';
import { ENTERED_KINDS, POSITION_SEXES } from '$lib/representation/vocabulary';
import { t } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const bodyFields = {
	kind: f.choice(ENTERED_KINDS, { label: 'representation_kind' }),
	nameKy: f.text(representation.NAME_MAX, { required: true, label: 'representation_name_ky' }),
	nameRu: f.text(representation.NAME_MAX, { required: true, label: 'representation_name_ru' }),
	women: f.whole(0, representation.COUNT_MAX, { label: 'representation_women' }),
	men: f.whole(0, representation.COUNT_MAX, { label: 'representation_men' }),
	headSex: f.optionalChoice(POSITION_SEXES, { label: 'representation_head_sex' }),
	deputySex: f.optionalChoice(POSITION_SEXES, { label: 'representation_deputy_sex' })
};
const add = f.shape(bodyFields);
const update = f.shape({ bodyId: f.requiredId(), ...bodyFields });
const remove = f.shape({ bodyId: f.requiredId() });
const kenesh = f.shape({
	headSex: f.optionalChoice(POSITION_SEXES, { label: 'representation_head_sex' }),
	deputySex: f.optionalChoice(POSITION_SEXES, { label: 'representation_deputy_sex' })
});
const upload = f.shape({ file: f.file() });
const confirm = f.shape({ importId: f.requiredId() });

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sql = app.sql();
	const id = idParam(event.params.id);
	const territory = await guard(() => territories.page(sql, actor, id));
	if (territory.kind !== 'municipality' && territory.kind !== 'town')
		error(404, t('error_not_found'));
	const scope = { municipalityId: id, regionId: territory.regionId };
	const bodies = await guard(() => representation.list(sql, actor, scope));
	const canManage = representation.can(actor, 'manage', scope);
	const importParam = event.url.searchParams.get('import');
	const importId = importParam && /^[1-9]\d{0,14}$/.test(importParam) ? Number(importParam) : null;
	let pending: { importId: number; changes: representation.Change[] } | null = null;
	let pendingGone = false;
	if (canManage && importId) {
		const result = await attempt(() => representation.pending(sql, actor, scope, importId));
		if (result.ok) pending = { importId, changes: result.value };
		else pendingGone = true;
	}
	return {
		territory: {
			id,
			kind: territory.kind,
			nameKy: territory.nameKy,
			nameRu: territory.nameRu,
			nameEn: territory.nameEn,
			ancestors: territory.ancestors
		},
		bodies,
		kenesh: await guard(() => representation.keneshPositions(sql, actor, scope)),
		canManage,
		pending,
		pendingGone,
		flash: f.flash(event)
	};
};

async function scope(id: string) {
	return representation.scopeOf(app.sql(), idParam(id));
}

export const actions: Actions = {
	add: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, add, 'body-new');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			async () =>
				representation.create(app.sql(), actor, await scope(event.params.id), parsed.value),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'body-new', { message: t('representation_added') });
	},
	update: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, update, 'body');
		if (!parsed.ok) return parsed.failure;
		const { bodyId, ...input } = parsed.value;
		const result = await attempt(
			async () =>
				representation.update(app.sql(), actor, await scope(event.params.id), bodyId, input),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, `body-${bodyId}`);
	},
	remove: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, remove, 'remove-body');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			async () =>
				representation.remove(app.sql(), actor, await scope(event.params.id), parsed.value.bodyId),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'registry-status', { message: t('representation_removed') });
	},
	kenesh: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, kenesh, 'kenesh-positions');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			async () =>
				representation.setKeneshPositions(
					app.sql(),
					actor,
					await scope(event.params.id),
					parsed.value
				),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'kenesh-positions');
	},
	check: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, upload, 'import-check', {
			tooLarge: 'representation_import_too_large'
		});
		if (!parsed.ok) return parsed.failure;
		// authorised before the file is looked at, so a refused user learns nothing about it
		const registry = await guard(() => scope(event.params.id));
		if (!representation.can(actor, 'manage', registry)) error(403, t('error_forbidden'));
		const file = parsed.value.file;
		const refuse = (message: string) =>
			fail(400, { form: 'import-check', values: {}, errors: {}, message, rowProblems: [] });
		if (!file) return refuse(t('representation_import_no_file'));
		if (file.size > MAX_UPLOAD_BYTES)
			return refuse(
				t('representation_import_too_large', { max: Math.round(MAX_UPLOAD_BYTES / 1024 / 1024) })
			);
		const bytes = new Uint8Array(await file.arrayBuffer());
		const result = await attempt(() => representation.check(app.sql(), actor, registry, bytes));
		if (!result.ok) return result.failure;
		const { problems, importId } = result.value;
		if (importId === null)
			return fail(400, {
				form: 'import-check',
				values: {},
				errors: {},
				message: t('representation_import_failed', { count: problems.length }),
				rowProblems: problems.map((p) => ({
					line: p.line,
					column: typeof p.params?.column === 'string' ? p.params.column : null,
					text: t(p.code, p.params ?? {})
				}))
			});
		redirect(303, `${event.url.pathname}?import=${importId}#import-apply`);
	},
	import: async (event) => {
		const actor = requireActor(event);
		const parsed = await f.parseForm(event, confirm, 'import-apply');
		if (!parsed.ok) return parsed.failure;
		const result = await attempt(
			async () =>
				representation.apply(app.sql(), actor, await scope(event.params.id), parsed.value.importId),
			parsed.submitted
		);
		if (!result.ok) return result.failure;
		f.done(event, 'import-check', { message: t('representation_imported', result.value) });
	}
};
