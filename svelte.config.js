import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { withZopfli } from './src/cli/precompress.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// static assets also as .br and .gz, which adapter-node serves to clients that take them; the
		// code's .gz written smaller by Zopfli
		adapter: withZopfli(adapter({ precompress: true })),
		// The browser gets no table of every route (1.7 KiB gzip of every first visit): a link it follows
		// to a route it has not seen asks the server for that one (/path/__route.js, a few hundred bytes)
		router: { resolution: 'server' },
		// Forms must work for users behind proxies that rewrite Origin; SvelteKit's CSRF check stays on.
		csrf: { trustedOrigins: [] },
		// Scripts and style sheets only from the app itself: SvelteKit adds a nonce (a hash on prerendered
		// pages) to its inline hydration script. Framing is refused in hooks.server.ts, where /embed/ is let through.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// style attributes only (app.html's root div, SvelteKit's route announcer); no <style> elements
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
