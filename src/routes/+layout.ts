import { browser } from '$app/environment';
import { loadMessages } from '$lib/i18n/client-messages';
import type { LayoutLoad } from './$types';

/** In the browser, the messages of the page's language arrive before anything renders (one chunk per language for every page, and one for the page's own). */
export const load: LayoutLoad = async ({ data, url, route }) => {
	if (browser) await loadMessages(url, route.id);
	return data;
};
