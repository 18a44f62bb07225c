import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const CLIENT_MESSAGES = fileURLToPath(new URL('./src/lib/i18n/client-messages.ts', import.meta.url));

/**
 * Client code that imports Paraglide's `messages` gets `$lib/i18n/client-messages` instead: one chunk
 * per language, loaded for the page's own language. Server code keeps Paraglide's module.
 */
function messagesPerLocale(): Plugin {
	return {
		name: 'aiyl-messages-per-locale',
		enforce: 'pre',
		resolveId(id, importer, options) {
			if (options?.ssr || !importer || importer.includes('/paraglide/') || importer === CLIENT_MESSAGES) return null;
			return /(^|\/)paraglide\/messages(\.js)?$/.test(id) ? CLIENT_MESSAGES : null;
		}
	};
}

export default defineConfig({
	plugins: [
		messagesPerLocale(),
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'cookie', 'baseLocale'],
			// one module per language, which the client loads alone (messagesPerLocale)
			outputStructure: 'locale-modules'
		})
	],
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: { name: 'unit', environment: 'node', include: ['src/**/*.test.ts'] }
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'db',
					environment: 'node',
					include: ['tests/db/**/*.test.ts'],
					globalSetup: ['tests/db/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					// Each file gets its own database; two workers keep the 2-core machine responsive.
					maxWorkers: 2
				}
			}
		]
	}
});
