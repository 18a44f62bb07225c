import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routeMessagesModule, safeMessageId } from './src/lib/i18n/safe-id';

const CLIENT_MESSAGES = fileURLToPath(
	new URL('./src/lib/i18n/client-messages.ts', import.meta.url)
);
const CLIENT_RUNTIME = fileURLToPath(new URL('./src/lib/i18n/client-runtime.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const SRC = join(ROOT, 'src');
const ROUTES = join(SRC, 'routes');
const LOCALES = ['ky', 'ru', 'en'] as const;
const ROUTE_MAP = 'virtual:aiyl-route-messages';

type Used = { keys: Set<string>; prefixes: string[] };

/** The message keys a client file names (m.key(…), t('key'), t('prefix_' + …)) and the files it imports. */
function scanFile(file: string): { used: Used; imports: string[] } {
	const text = readFileSync(file, 'utf8');
	const keys = new Set<string>();
	const prefixes: string[] = [];
	// compared as Paraglide names them in its modules (field_targetGroups → field_targetgroups1);
	// m[1] is each pattern's one capture group, which every match fills
	for (const m of text.matchAll(/\bm\.([A-Za-z0-9_]+)/g)) keys.add(safeMessageId(m[1]!));
	// the key may start the next line: prettier breaks `t(\n'entity_' + h.entity\n)`
	for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'\s*[,)]/g))
		keys.add(safeMessageId(m[1]!));
	for (const m of text.matchAll(/\bt\(\s*'([a-z0-9_]+)'\s*\+/g)) prefixes.push(m[1]!);
	const imports: string[] = [];
	for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)) {
		const target = resolveSource(m[1]!, file);
		if (target) imports.push(target);
	}
	return { used: { keys, prefixes }, imports };
}

/** The source file a `$lib/…` or relative import names; none for packages, `$app/…`, server and Paraglide modules. */
function resolveSource(spec: string, from: string): string | null {
	const base = spec.startsWith('$lib/')
		? join(SRC, 'lib', spec.slice(5))
		: spec.startsWith('.')
			? join(dirname(from), spec)
			: null;
	if (!base || /(^|\/)(server|paraglide)(\/|$)|\.server(\.ts)?$/.test(relative(SRC, base)))
		return null;
	const candidates = [
		base,
		`${base}.ts`,
		`${base}.js`,
		base.replace(/\.js$/, '.ts'),
		join(base, 'index.ts'),
		join(base, 'index.js')
	];
	return (
		candidates.find((c) => existsSync(c) && statSync(c).isFile() && /\.(svelte|ts|js)$/.test(c)) ??
		null
	);
}

/** What the files and everything they import name, together. */
function usedBy(
	entries: string[],
	scan: (file: string) => { used: Used; imports: string[] }
): Used {
	const seen = new Set<string>();
	const used: Used = { keys: new Set(), prefixes: [] };
	const visit = (file: string) => {
		if (seen.has(file) || !existsSync(file)) return;
		seen.add(file);
		const found = scan(file);
		found.used.keys.forEach((k) => used.keys.add(k));
		used.prefixes.push(...found.used.prefixes);
		found.imports.forEach(visit);
	};
	entries.forEach(visit);
	return used;
}

/** Every page's route id with the files of its own (the root layout, error page and hooks are everyone's: id ''). */
function routeEntries(): Map<string, string[]> {
	const out = new Map<string, string[]>([
		[
			'',
			['+layout.svelte', '+layout.ts', '+layout.js', '+error.svelte']
				.map((f) => join(ROUTES, f))
				.concat(['hooks.ts', 'hooks.client.ts'].map((f) => join(SRC, f)))
		]
	]);
	for (const file of readdirSync(ROUTES, { recursive: true, encoding: 'utf8' })) {
		if (!/(^|\/)\+page\.svelte$/.test(file)) continue;
		const dir = dirname(file) === '.' ? '' : dirname(file);
		const files: string[] = [];
		const parts = dir ? dir.split(sep) : [];
		for (let i = 1; i <= parts.length; i++) {
			const at = join(ROUTES, ...parts.slice(0, i));
			const own = i === parts.length ? ['+page.svelte', '+page.ts', '+page.js'] : [];
			for (const f of ['+layout.svelte', '+layout.ts', '+layout.js', '+error.svelte', ...own])
				files.push(join(at, f));
		}
		if (!parts.length)
			files.push(...['+page.svelte', '+page.ts', '+page.js'].map((f) => join(ROUTES, f)));
		out.set('/' + parts.join('/'), files);
	}
	return out;
}

/** One language's messages as Paraglide compiles them (each an expression), by the name each is exported as. */
function localeParts(locale: string): Map<string, string> {
	const code = readFileSync(join(SRC, 'lib/paraglide/messages', `${locale}.js`), 'utf8');
	const parts = new Map<string, string>();
	for (const part of code.split(/\n(?=export const )/)) {
		const exported = /^export const ([A-Za-z0-9_]+) = /.exec(part);
		if (exported) parts.set(exported[1]!, part.slice(exported[0].length).replace(/;\s*$/, ''));
	}
	return parts;
}

/** The message keys as written (`field_targetGroups`), by the name Paraglide exports each as. */
function messageKeys(): Map<string, string> {
	const file = join(SRC, 'lib/i18n/messages', `${LOCALES[0]}.json`);
	const keys = Object.keys(JSON.parse(readFileSync(file, 'utf8'))).filter((k) => k !== '$schema');
	return new Map(keys.map((k) => [safeMessageId(k), k]));
}

/**
 * Client code that imports Paraglide's `messages` gets `$lib/i18n/client-messages` instead. In a build,
 * each language's messages are cut per route: one module with what the root layout names, loaded by
 * every page, and one per page with what the page and the components it imports add (client code
 * names its messages statically, see scanFile), so a page downloads only its own language's messages
 * that it can show. `vite dev` serves each language whole. Server code keeps Paraglide's module. Client
 * imports of Paraglide's runtime get `$lib/i18n/client-runtime`, the part of it this app uses.
 */
function messagesPerRoute(): Plugin {
	let build = false;
	let plan: Map<string, Set<string>> | null = null;
	const parts = new Map<string, Map<string, string>>();
	const moduleIds = new Map<string, { locale: string; route: string }>();

	/** Each route's message names (the root's '' taken away from the others), computed once a build. */
	function routePlan(): Map<string, Set<string>> {
		if (plan) return plan;
		const cache = new Map<string, ReturnType<typeof scanFile>>();
		const scan = (f: string) => cache.get(f) ?? cache.set(f, scanFile(f)).get(f)!;
		const names = [...localeParts(LOCALES[0]).keys()];
		const select = (used: Used) =>
			new Set(names.filter((n) => used.keys.has(n) || used.prefixes.some((p) => n.startsWith(p))));
		plan = new Map();
		const entries = routeEntries();
		const common = select(usedBy(entries.get('')!, scan));
		for (const [route, files] of entries) {
			const own = route === '' ? common : select(usedBy(files, scan));
			if (route !== '') for (const n of common) own.delete(n);
			if (route === '' || own.size) plan.set(route, own);
		}
		return plan;
	}

	/** A route's share in each language, as `{ ky: () => import(…), … }`. */
	function loaders(route: string): string {
		return `{${LOCALES.map((l) => {
			const file = join(ROOT, routeMessagesModule(l, route));
			moduleIds.set(file, { locale: l, route });
			return `${l}: () => import(${JSON.stringify(file)})`;
		}).join(', ')}}`;
	}

	return {
		name: 'aiyl-messages-per-route',
		enforce: 'pre',
		configResolved(config) {
			build = config.command === 'build';
		},
		buildStart() {
			plan = null;
			parts.clear();
		},
		resolveId(id, importer, options) {
			if (id === ROUTE_MAP) return '\0' + ROUTE_MAP;
			if (id.startsWith(join(ROOT, 'src/lib/i18n/route-messages/'))) return id;
			// as `vite dev` serves it: from the project's root
			if (id.startsWith('/src/lib/i18n/route-messages/')) return join(ROOT, id);
			if (options?.ssr || !importer || importer.includes('/paraglide/')) return null;
			if (/(^|\/)paraglide\/messages(\.js)?$/.test(id))
				return importer === CLIENT_MESSAGES ? null : CLIENT_MESSAGES;
			// the browser's runtime too: a small one for this app's settings (client-runtime.ts)
			if (/(^|\/)paraglide\/runtime(\.js)?$/.test(id))
				return importer === CLIENT_RUNTIME ? null : CLIENT_RUNTIME;
			return null;
		},
		// each page's node loads the page's share itself, before SvelteKit renders the page (a
		// top-level await; SvelteKit awaits the node's import), so no page carries a map of all routes
		transform(code, id, options) {
			if (!build || options?.ssr || !/\/generated\/client-optimized\/nodes\/\d+\.js$/.test(id))
				return null;
			const page = /from "([^"]*\/\+page\.svelte)"/.exec(code)?.[1];
			if (!page) return null;
			const dir = relative(ROUTES, dirname(join(dirname(id), page)));
			const route = '/' + (dir ? dir.split(sep).join('/') : '');
			if (!routePlan().has(route)) return null;
			return {
				code: `import { loadRouteMessages } from ${JSON.stringify(CLIENT_MESSAGES)};\nawait loadRouteMessages(${JSON.stringify(route)}, ${loaders(route)});\n${code}`,
				map: null
			};
		},
		load(id) {
			if (id === '\0' + ROUTE_MAP) return `export const common = ${loaders('')};`;
			const target = moduleIds.get(id);
			if (!target) return null;
			// keyed as written, so the browser needs no safeMessageId
			const all =
				parts.get(target.locale) ??
				parts.set(target.locale, localeParts(target.locale)).get(target.locale)!;
			const names = build ? routePlan().get(target.route)! : target.route === '' ? all.keys() : [];
			const keys = messageKeys();
			return `export default {\n${[...names].map((n) => `${JSON.stringify(keys.get(n) ?? n)}: ${all.get(n)}`).join(',\n')}\n};`;
		}
	};
}

/**
 * The browser's code in few files: modules under 3 KB that six or more pages share (Svelte's
 * and Kit's runtime among them, our formatting and form helpers) go into one chunk every page
 * caches, instead of Rolldown's default of a chunk per set of pages that share a module. A plan
 * page went from 29 files to 10 and 63.3 to 59.4 KiB gzip: each small file carried its own gzip
 * frame and a list of imports, and on a rural line each is one more request. Shared by six
 * rather than three, the chunk leaves out what only a few pages use (a hearing's labels, a
 * report's periods): 0.4 to 0.9 KiB less on the plan, activity, login and home pages, 0.2 more on
 * the public plan. Only the client build: the server's chunks are read from disk once.
 */
function fewerChunks(): Plugin {
	return {
		name: 'aiyl-fewer-chunks',
		apply: 'build',
		config(_config, env) {
			if (env.isSsrBuild) return;
			return {
				build: {
					rollupOptions: {
						output: {
							codeSplitting: {
								groups: [{ name: 'shared', maxModuleSize: 3000, minShareCount: 6 }]
							}
						}
					}
				}
			};
		}
	};
}

export default defineConfig(() => ({
	plugins: [
		fewerChunks(),
		messagesPerRoute(),
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'cookie', 'baseLocale'],
			// one module per language, which the browser gets cut per route (messagesPerRoute). The same
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
