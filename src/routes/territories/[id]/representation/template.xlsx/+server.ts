import * as app from '$lib/server/app';
import * as representation from '$lib/server/representation';
import { idParam, load as guard, requireActor } from '$lib/server/http';
import { Forbidden } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The registry's import template, its notes in the user's language; for the municipality's own staff. */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const scope = await guard(() => representation.scopeOf(app.sql(), idParam(event.params.id)));
	await guard(async () => {
		if (!representation.can(actor, 'manage', scope)) throw new Forbidden();
	});
	const body = await representation.template((key, params) => t(key, params ?? {}));
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="representation-template.xlsx"',
			'cache-control': 'private, no-store'
		}
	});
};
