import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeMessageId } from './src/lib/i18n/safe-id';

const CLIENT_MESSAGES = fileURLToPath(
	new URL('./src/lib/i18n/client-messages.ts', import.meta.url)
);

/** The message keys client code (components and $lib outside server/) can ask for. */
function clientMessageKeys(): { keys: Set<string>; prefixes: string[] } {
	const root = fileURLToPath(new URL('./src', import.meta.url));
	const keys = new Set<string>();
	const prefixes = new Set<string>();
	for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
		if (
			!/\.(svelte|ts)$/.test(file) ||
			/(^|\/)(server|paraglide)\/|\.test\.ts$|\.server\.ts$|(^|\/)cli\//.test(file)
		)
			continue;
		const text = readFileSync(join(root, file), 'utf8');
		// compared as Paraglide names them in its modules (field_targetGroups → field_targetgroups1)
		for (const m of text.matchAll(/\bm\.([A-Za-z0-9_]+)/g)) keys.add(safeMessageId(m[1]));
		// the key may start the next line: prettier breaks `t(\n'entity_' + h.entity\n)`
		for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'\s*[,)]/g))
			keys.add(safeMessageId(m[1]));
		for (const m of text.matchAll(/\bt\(\s*'([a-z0-9_]+)'\s*\+/g)) prefixes.add(m[1]);
	}
	return { keys, prefixes: [...prefixes] };
}

/**
 * Client code that imports Paraglide's `messages` gets `$lib/i18n/client-messages` instead: one chunk
 * per language, loaded for the page's own language. Server code keeps Paraglide's module.
 */
function messagesPerLocale(): Plugin {
	let used: { keys: Set<string>; prefixes: string[] } | null = null;
	return {
		name: 'aiyl-messages-per-locale',
		enforce: 'pre',
		buildStart() {
			used = null;
		},
		// the browser's copy of a language keeps the messages client code names: m.key(…), t('key'), t('prefix_' + …)
		transform(code, id, options) {
			if (options?.ssr || !/\/paraglide\/messages\/[a-z]{2}\.js$/.test(id)) return null;
			used ??= clientMessageKeys();
			const { keys, prefixes } = used;
			const parts = code.split(/\n(?=export (?:const|\{))/);
			const kept = parts.filter((part) => {
				const exported = /^export const ([A-Za-z0-9_]+) =|^export \{ ([A-Za-z0-9_]+) \}/.exec(part);
				const key = exported?.[1] ?? exported?.[2];
				return !key || keys.has(key) || prefixes.some((p) => key.startsWith(p));
			});
			return { code: kept.join('\n'), map: null };
		},
		resolveId(id, importer, options) {
			if (
				options?.ssr ||
				!importer ||
				importer.includes('/paraglide/') ||
				importer === CLIENT_MESSAGES
			)
				return null;
			return /(^|\/)paraglide\/messages(\.js)?$/.test(id) ? CLIENT_MESSAGES : null;
		}
	};
}

export default defineConfig(() => ({
	plugins: [
		messagesPerLocale(),
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'cookie', 'baseLocale'],
			// one module per language, which the browser loads alone (messagesPerLocale). The same
			// layout everywhere — dev, tests, builds and `npm run check` (its CLI compile names it too) —
			// so going from one to another does not compile again: each compile leaves 30-second timers
			// of Paraglide's engine that hold the process open (Vitest 10 s at its end, `vite build` up to 30 s).
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
}));
