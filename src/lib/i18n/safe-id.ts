/**
 * The name Paraglide gives a message in its per-language modules (its compiler's `toSafeModuleId`):
 * lower case, other characters as `_`, the count of capitals appended (`field_targetGroups` →
 * `field_targetgroups1`), `_` before a leading digit or a reserved word (`delete` → `_delete`).
 */
const RESERVED = new Set([
	'break',
	'case',
	'catch',
	'class',
	'const',
	'continue',
	'debugger',
	'default',
	'delete',
	'do',
	'else',
	'export',
	'extends',
	'false',
	'finally',
	'for',
	'function',
	'if',
	'import',
	'in',
	'instanceof',
	'new',
	'null',
	'return',
	'super',
	'switch',
	'this',
	'throw',
	'true',
	'try',
	'typeof',
	'var',
	'void',
	'while',
	'with',
	'let',
	'static',
	'yield',
	'await',
	'enum',
	'implements',
	'interface',
	'package',
	'private',
	'protected',
	'public',
	'then'
]);

export function safeMessageId(key: string): string {
	const result = key.toLowerCase().replace(/[^a-z0-9_]/g, '_');
	if (/^[0-9]/.test(result) || RESERVED.has(result)) return '_' + result;
	const capitals = (key.match(/[A-Z]/g) ?? []).length;
	return result + (capitals > 0 ? String(capitals) : '');
}

/**
 * The module (relative to the project) holding one language's messages for one route, as the client
 * build names it (vite.config.ts) and `npm run bench` finds it in the manifest: `''` is the root
 * layout's share, which every page loads; a route's own holds what its page and components add.
 */
export function routeMessagesModule(locale: string, routeId: string): string {
	const slug =
		routeId === ''
			? 'common'
			: routeId.replace(/[^A-Za-z0-9_-]/g, (c) => '.' + c.charCodeAt(0).toString(16));
	return `src/lib/i18n/route-messages/${locale}/${slug}.js`;
}
