import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { PageServerLoad } from './$types';

/** The floor `npm run bench` compares pages with: the app's hooks and layout, no page data. Only when the bench starts the server. */
export const load: PageServerLoad = () => {
	if (env.AIYL_BENCH !== '1') error(404, 'not_found');
	return {};
};
