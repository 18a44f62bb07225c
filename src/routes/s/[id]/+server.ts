import { error, redirect } from '@sveltejs/kit';
import * as app from '$lib/server/app';
import * as summaries from '$lib/server/summaries';
import { idParam } from '$lib/server/http';
import { isDomainError } from '$lib/server/errors';
import { localizeHref } from '$lib/i18n/href';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The short link a summary prints: to the approved plan's public page, in the link's language (`/ru/s/…`). */
export const GET: RequestHandler = async (event) => {
	// the same handler serves `/s/[id]/[period]`, a report's link
	const params = event.params as { id: string; period?: string };
	const target = await summaries
		.shortLinkTarget(app.sql(), { planId: idParam(params.id), period: params.period })
		.catch((e) => {
			if (isDomainError(e)) error(404, t('error_not_found'));
			throw e;
		});
	redirect(302, localizeHref(target));
};
