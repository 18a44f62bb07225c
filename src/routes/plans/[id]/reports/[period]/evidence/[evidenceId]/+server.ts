import { error } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as reports from '$lib/server/reports';
import { idParam, requireActor } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** One evidence file of a report, for whoever may read the report; any other id is "not found". */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const file = await reports
		.evidenceFile(
			app.sql(),
			actor,
			idParam(event.params.id),
			event.params.period,
			idParam(event.params.evidenceId)
		)
		.catch((e) => {
			if (isDomainError(e)) error(404, t('error_not_found'));
			throw e;
		});
	return reports.evidenceResponse(file, { public: false });
};
