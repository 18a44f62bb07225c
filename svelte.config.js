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
		// Routes are resolved in the browser (SvelteKit's default), from the table of every route in the
		// app's entry (1.7 KiB gzip, cached with it). Resolved by the server instead, every link to a new
		// address first asked for its /path/__route.js and only then for its data: one more round trip
		// per page on a rural line (at 300 ms a page came in 0.84–1.8 s instead of 0.45–0.9 s).
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
