import { browser } from '$app/environment';
import { loadMessages } from '$lib/i18n/client-messages';
import type { LayoutLoad } from './$types';

/**
 * In the browser, the messages of the page's language arrive before anything renders: the root
 * layout's share here, the page's own share with the page's node (client-messages.ts); `route.id`
 * too, for a page whose node came before in another language.
 */
export const load: LayoutLoad = async ({ data, url, route }) => {
	if (browser) await loadMessages(url, route.id);
	return data;
};
