import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// static assets also as .br and .gz, which adapter-node serves to clients that take them
		adapter: adapter({ precompress: true }),
		// Forms must work for users behind proxies that rewrite Origin; SvelteKit's CSRF check stays on.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
