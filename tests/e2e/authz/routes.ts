import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The route tree as the app has it, read from `src/routes` when the test runs: every page (its GET),
 * every form action of a page (its POST) and every method an endpoint exports. Keys read like the
 * requests they stand for: `GET /plans/[id]`, `POST /plans/[id]?/comment`, `GET /api/v1/plans`.
 */
export interface RouteEntry {
	key: string;
	kind: 'page' | 'action' | 'endpoint';
	/** SvelteKit's route id, e.g. `/plans/[id]/activities/[aid]` */
	routeId: string;
	method: string;
	/** the form action's name (`default` for a page's only action) */
	action?: string;
}

const ROUTES_DIR = 'src/routes';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

/** `src/routes/plans/[id]/+page.server.ts` → `/plans/[id]`; groups stay in the id as SvelteKit keeps them. */
function routeIdOf(file: string): string {
	const dir = relative(ROUTES_DIR, file).split(sep).slice(0, -1);
	return '/' + dir.join('/');
}

/** The text with comments and strings blanked out (a string that is a bare name stays), so braces inside them do not count. */
function codeOnly(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '/' && text[i + 1] === '/') {
			while (i < text.length && text[i] !== '\n') i++;
			out += '\n';
		} else if (ch === '/' && text[i + 1] === '*') {
			i += 2;
			while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
			i++;
			out += ' ';
		} else if (ch === '"' || ch === "'" || ch === '`') {
			const start = ++i;
			while (i < text.length && text[i] !== ch) i += text[i] === '\\' ? 2 : 1;
			// a quoted key such as 'name': stays a name; any other string is blanked
			const content = text.slice(start, i);
			out += /^[A-Za-z_$][\w$]*$/.test(content) ? content : '""';
		} else out += ch;
	}
	return out;
}

/** The top-level keys of the object literal `export const actions = { … }` (or `: Actions = { … }`). */
export function actionNames(source: string): string[] {
	const code = codeOnly(source);
	const start = /export\s+const\s+actions\b[^=]*=\s*(?:\(\s*)?\{/.exec(code);
	if (!start) return [];
	const names: string[] = [];
	let depth = 1;
	let atKey = true;
	for (let i = start.index + start[0].length; i < code.length && depth > 0; i++) {
		const ch = code[i];
		if ('{(['.includes(ch!)) depth++;
		else if ('})]'.includes(ch!)) depth--;
		else if (depth === 1 && ch === ',') atKey = true;
		else if (depth === 1 && atKey && /[A-Za-z_$]/.test(ch!)) {
			const word = /^(?:async\s+)?([A-Za-z_$][\w$]*)/.exec(code.slice(i))!;
			names.push(word[1]!);
			i += word[0].length - 1;
			atKey = false;
		}
	}
	return names;
}

/** The HTTP methods an endpoint file exports (`export const GET`, `export async function POST`, `export { x as PUT }` is not used here). */
export function endpointMethods(source: string): string[] {
	const code = codeOnly(source);
	const found = new Set<string>();
	for (const m of code.matchAll(
		/export\s+(?:const|let|async\s+function|function)\s+([A-Za-z]+)\b/g
	)) {
		if (METHODS.includes(m[1]!)) found.add(m[1]!);
	}
	return [...found];
}

/** Every page, form action and endpoint method under src/routes. */
export function routeInventory(root = ROUTES_DIR): RouteEntry[] {
	const entries: RouteEntry[] = [];
	const pages = new Set<string>();
	for (const file of walk(root).sort()) {
		const base = file.split(sep).at(-1)!;
		const routeId = routeIdOf(file);
		// a page is a +page.svelte, or a +page(.server).ts alone (a load that only redirects)
		if (/^\+page(\.server)?\.(svelte|ts|js)$/.test(base) && !pages.has(routeId)) {
			pages.add(routeId);
			entries.push({ key: `GET ${routeId}`, kind: 'page', routeId, method: 'GET' });
		}
		if (/^\+page\.server\.(ts|js)$/.test(base)) {
			for (const action of actionNames(readFileSync(file, 'utf8'))) {
				const key = action === 'default' ? `POST ${routeId}` : `POST ${routeId}?/${action}`;
				entries.push({ key, kind: 'action', routeId, method: 'POST', action });
			}
		}
		if (/^\+server\.(ts|js)$/.test(base)) {
			for (const method of endpointMethods(readFileSync(file, 'utf8'))) {
				entries.push({ key: `${method} ${routeId}`, kind: 'endpoint', routeId, method });
			}
		}
	}
	return entries;
}

/** `/plans/[id]/activities/[aid]` with `{ id: 3, aid: 7 }` → `/plans/3/activities/7`; a missing value throws. */
export function fillRoute(
	routeId: string,
	params: Record<string, string | number | undefined>
): string {
	return routeId
		.replace(/\/\([^)]+\)/g, '')
		.replace(/\[\[?(?:\.\.\.)?(\w+)(?:=\w+)?\]?\]/g, (_, name: string) => {
			const value = params[name];
			if (value === undefined) throw new Error(`${routeId}: no value for [${name}]`);
			return encodeURIComponent(String(value));
		});
}
