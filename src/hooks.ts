import type { Reroute, Transport } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';
import { ServerRendered } from '$lib/server-rendered';

export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;

export const transport: Transport = {
	// a server-rendered page's data is not written out for a browser that will never read it
	ServerRendered: {
		encode: (value) => value instanceof ServerRendered && 1,
		decode: () => {
			throw new Error('a page that renders on the server only (csr = false) was hydrated');
		}
	}
};
