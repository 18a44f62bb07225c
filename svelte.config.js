import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// static assets also as .br and .gz, which adapter-node serves to clients that take them
		adapter: adapter({ precompress: true }),
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
