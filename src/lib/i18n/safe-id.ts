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
