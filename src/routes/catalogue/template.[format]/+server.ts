import { error } from '@sveltejs/kit';
import * as catalogue from '$lib/server/catalogue';
import { t } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The import template with the header and two example rows taken from the shipped 2018–2020 plan. */
export const GET: RequestHandler = async ({ params }) => {
	if (params.format !== 'csv' && params.format !== 'xlsx') error(404, t('error_not_found'));
	const file = await catalogue.templateFile(params.format);
	return new Response(file.body as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`
		}
	});
};
