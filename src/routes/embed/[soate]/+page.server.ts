import * as app from '$lib/server/app';
import { embedView } from '$lib/server/embed';
import { load as guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** The embeddable view of a municipality, for everyone and in any site's frame (edge.isFramable). */
export const load: PageServerLoad = async ({ params }) =>
	guard(() => embedView(app.sql(), params.soate));
