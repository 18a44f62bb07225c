import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig(({ command, mode }) => ({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'cookie', 'baseLocale'],
			// Tests, builds and `npm run check` (the CLI) write one layout, so going from one to another
			// does not compile again: each compile leaves 30-second timers of Paraglide's engine that
			// hold the process open (Vitest waits 10 s at its end, `vite build` up to 30 s). Dev keeps
			// the per-locale files Paraglide recommends there.
			outputStructure: command === 'serve' && mode !== 'test' ? 'locale-modules' : 'message-modules'
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
}));
